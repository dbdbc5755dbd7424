package dev.ferry.agent;

import dev.ferry.model.StateType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** What the agent counts, in Prometheus' text format on {@code /metrics}. */
final class AgentMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter polls = Counter.builder("ferry_agent_polls").description("Polls of work queues answered")
      .register(registry);
  private final Counter claims = Counter.builder("ferry_agent_claims").description("Flow runs claimed")
      .register(registry);
  private final Counter apiErrors = Counter.builder("ferry_agent_api_errors")
      .description("Calls to the API that failed").register(registry);
  private final Timer submission = Timer.builder("ferry_agent_submission")
      .description("From a run's claim to its infrastructure running").register(registry);
  private volatile long lastPollNanos = System.nanoTime();

  /** Publishes the slots in use, read when scraped. */
  void slotsInUse(Supplier<Number> held) {
    Gauge.builder("ferry_agent_slots_in_use", held).description("Flow runs the agent holds").register(registry);
    Gauge.builder("ferry_agent_seconds_since_last_poll", () -> (System.nanoTime() - lastPollNanos) / 1e9)
        .description("Seconds since a poll of a work queue was last answered").register(registry);
  }

  void polled() {
    lastPollNanos = System.nanoTime();
    polls.increment();
  }

  void claimed(int runs) {
    claims.increment(runs);
  }

  void apiError() {
    apiErrors.increment();
  }

  void submitted(Duration took) {
    submission.record(took);
  }

  void finished(StateType state) {
    Counter.builder("ferry_agent_runs_finished").description("Flow runs ended, by final state")
        .tag("state", state.name()).register(registry).increment();
  }

  String scrape() {
    return registry.scrape();
  }
}
