package dev.ferry.agent;

import dev.ferry.model.StateType;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the agent counts. Without a health port nobody can read the counts, so {@link #NONE} counts
 * nothing and keeps the metrics library out of the agent's memory; {@link PrometheusMetrics}
 * serves them on {@code /metrics}.
 */
interface AgentMetrics {
  AgentMetrics NONE = new AgentMetrics() {};

  /** Publishes the slots in use, read when scraped. */
  default void slotsInUse(Supplier<Number> held) {}

  default void polled() {}

  default void claimed(int runs) {}

  default void apiError() {}

  default void submitted(Duration took) {}

  default void finished(StateType state) {}
}
