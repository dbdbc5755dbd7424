package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PollIntervalTest {
  @Test
  void pausesVaryUpToAFifthEitherSideOfTheInterval() {
    PollInterval interval = new PollInterval(AgentOptions.DEFAULT_POLL_INTERVAL);
    Set<Duration> drawn = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      drawn.add(interval.next());
    }

    assertThat(drawn).allSatisfy(pause -> assertThat(pause)
        .isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400)));
    assertThat(drawn).as("agents started together drift apart").hasSizeGreaterThan(50);
    assertThat(interval).hasToString("2.0 s (± 20%)");
  }

  @Test
  void aZeroIntervalStillWaitsTheLeastATimerCan() {
    assertThat(new PollInterval(Duration.ZERO).next()).isEqualTo(Duration.ofMillis(1));
  }
}
