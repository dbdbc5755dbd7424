package dev.ferry.agent;

import dev.ferry.model.StateType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the agent counts, in Prometheus' text format on {@code /metrics}. Without a health port
 * nothing is exported, and a plain registry keeps the Prometheus classes out of memory.
 */
final class AgentMetrics {
  private final MeterRegistry registry;
  private final Counter polls;
  private final Counter claims;
  private final Counter apiErrors;
  private final Timer submission;
  private volatile long lastPollNanos = System.nanoTime();

  AgentMetrics(boolean exported) {
    registry = exported ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : new SimpleMeterRegistry();
    polls = Counter.builder("ferry_agent_polls").description("Polls of work queues answered").register(registry);
    claims = Counter.builder("ferry_agent_claims").description("Flow runs claimed").register(registry);
    apiErrors = Counter.builder("ferry_agent_api_errors").description("Calls to the API that failed")
        .register(registry);
    submission = Timer.builder("ferry_agent_submission")
        .description("From a run's claim to its infrastructure running").register(registry);
  }

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

  /** The metrics in Prometheus' text format; only for an agent built to export them. */
  String scrape() {
    return ((PrometheusMeterRegistry) registry).scrape();
  }
}
