package dev.ferry.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause between two polls of a plain Prefect API: the agent's poll interval, drawn anew each time up to
 * {@link #SPREAD} of it either side, so that agents started together do not poll in step.
 */
record PollInterval(Duration mean) {
  static final double SPREAD = 0.2;

  /** The next pause, at least a millisecond (a timer's least). */
  Duration next() {
    long millis = mean.toMillis();
    long spread = Math.round(millis * SPREAD);
    return Duration.ofMillis(Math.max(1, ThreadLocalRandom.current().nextLong(millis - spread, millis + spread + 1)));
  }

  /** How the log says it: {@code 2 s (± 20%)}. */
  @Override
  public String toString() {
    return mean.toMillis() / 1000.0 + " s (± " + Math.round(SPREAD * 100) + "%)";
  }
}
