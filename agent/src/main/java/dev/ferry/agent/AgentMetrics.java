package dev.ferry.agent;

import dev.ferry.model.StateType;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the agent counts. Without a health port nobody can read the counts, so {@link #NONE} counts
 * nothing and keeps the metrics library out of the agent's memory; {@link PrometheusMetrics}
 * serves them on {@code /metrics}.
 */
interface AgentMetrics {
  AgentMetrics NONE = new AgentMetrics() {};

  /**
   * Publishes, read when scraped, the runs the agent holds and what it has not delivered yet: log
   * lines waiting to be shipped and final states waiting for the API.
   */
  default void holding(Supplier<Number> runs, Supplier<Number> logLines, Supplier<Number> finalStates) {}

  /** Measures how late timers fire on the calling event loop, until {@link #close()}. */
  default void watchEventLoop(Vertx vertx) {}

  default void polled() {}

  default void claimed(int runs) {}

  default void apiError() {}

  default void submitted(Duration took) {}

  default void finished(StateType state) {}

  /** Stops measuring. */
  default void close() {}
}
