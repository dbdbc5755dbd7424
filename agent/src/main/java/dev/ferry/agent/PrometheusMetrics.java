package dev.ferry.agent;

import dev.ferry.model.StateType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** What the agent counts, in Prometheus' text format for {@code /metrics}. */
final class PrometheusMetrics implements AgentMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter polls;
  private final Counter claims;
  private final Counter apiErrors;
  private final Timer submission;
  private volatile long lastPollNanos = System.nanoTime();

  PrometheusMetrics() {
    polls = Counter.builder("ferry_agent_polls").description("Polls of work queues answered").register(registry);
    claims = Counter.builder("ferry_agent_claims").description("Flow runs claimed").register(registry);
    apiErrors = Counter.builder("ferry_agent_api_errors").description("Calls to the API that failed")
        .register(registry);
    submission = Timer.builder("ferry_agent_submission")
        .description("From a run's claim to its infrastructure running").register(registry);
  }

  @Override
  public void slotsInUse(Supplier<Number> held) {
    Gauge.builder("ferry_agent_slots_in_use", held).description("Flow runs the agent holds").register(registry);
    Gauge.builder("ferry_agent_seconds_since_last_poll", () -> (System.nanoTime() - lastPollNanos) / 1e9)
        .description("Seconds since a poll of a work queue was last answered").register(registry);
  }

  @Override
  public void polled() {
    lastPollNanos = System.nanoTime();
    polls.increment();
  }

  @Override
  public void claimed(int runs) {
    claims.increment(runs);
  }

  @Override
  public void apiError() {
    apiErrors.increment();
  }

  @Override
  public void submitted(Duration took) {
    submission.record(took);
  }

  @Override
  public void finished(StateType state) {
    Counter.builder("ferry_agent_runs_finished").description("Flow runs ended, by final state")
        .tag("state", state.name()).register(registry).increment();
  }

  /** The metrics in Prometheus' text format. */
  String scrape() {
    return registry.scrape();
  }
}
