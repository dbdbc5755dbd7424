package dev.ferry.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: each failure doubles the pause, up to a cap; a success resets
 * it. The pause is drawn between half and all of the current step, so agents that lost the API
 * together do not come back in step.
 */
final class Backoff {
  static final Duration FIRST = Duration.ofMillis(500);
  static final Duration CAP = Duration.ofSeconds(30);

  private int failures;

  /** The pause before the next try, after one more failure. */
  Duration next() {
    long step = Math.min(CAP.toMillis(), FIRST.toMillis() << Math.min(failures, 20));
    failures++;
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(step / 2, step + 1));
  }

  void reset() {
    failures = 0;
  }
}
