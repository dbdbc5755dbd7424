package dev.ferry.agent;

import dev.ferry.model.StateType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the agent counts, with the JVM's memory, garbage collection, threads, open files and CPU, in
 * Prometheus' text format for {@code /metrics}: what a person watching a daemon overnight looks at.
 */
final class PrometheusMetrics implements AgentMetrics {
  /** How often a timer on the agent's event loop measures how late it fires. */
  private static final Duration LOOP_PROBE = Duration.ofMillis(500);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter polls;
  private final Counter claims;
  private final Counter apiErrors;
  private final Timer submission;
  private final Timer loopDelay;
  private volatile long lastPollNanos = System.nanoTime();
  private volatile boolean closed;

  PrometheusMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    polls = Counter.builder("ferry_agent_polls").description("Polls of work queues answered").register(registry);
    claims = Counter.builder("ferry_agent_claims").description("Flow runs claimed").register(registry);
    apiErrors = Counter.builder("ferry_agent_api_errors").description("Calls to the API that failed")
        .register(registry);
    submission = Timer.builder("ferry_agent_submission")
        .description("From a run's claim to its infrastructure running").register(registry);
    loopDelay = Timer.builder("ferry_agent_event_loop_delay")
        .description("How late a timer on the agent's event loop fired: what holds the loop up").register(registry);
  }

  @Override
  public void holding(Supplier<Number> runs, Supplier<Number> logLines, Supplier<Number> finalStates) {
    Gauge.builder("ferry_agent_slots_in_use", runs).description("Flow runs the agent holds").register(registry);
    Gauge.builder("ferry_agent_log_lines_pending", logLines)
        .description("Run log lines not shipped to the API yet").register(registry);
    Gauge.builder("ferry_agent_final_states_pending", finalStates)
        .description("Final states of runs the API has not taken yet").register(registry);
    Gauge.builder("ferry_agent_seconds_since_last_poll", () -> (System.nanoTime() - lastPollNanos) / 1e9)
        .description("Seconds since a poll of a work queue was last answered").register(registry);
  }

  @Override
  public void watchEventLoop(Vertx vertx) {
    long due = System.nanoTime() + LOOP_PROBE.toNanos();
    vertx.setTimer(LOOP_PROBE.toMillis(), id -> {
      loopDelay.record(Duration.ofNanos(Math.max(0, System.nanoTime() - due)));
      if (!closed) {
        watchEventLoop(vertx);
      }
    });
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

  @Override
  public void close() {
    closed = true;
    gc.close();
  }

  /** The metrics in Prometheus' text format; it reads the process' open files, so not on an event loop. */
  String scrape() {
    return registry.scrape();
  }
}
