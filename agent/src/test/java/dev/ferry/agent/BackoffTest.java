package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void pausesDoubleWithJitterUpToTheCapAndResetAfterSuccess() {
    Backoff backoff = new Backoff();

    Duration first = backoff.next();
    Duration second = backoff.next();
    for (int i = 0; i < 6; i++) {
      backoff.next();
    }
    for (int i = 0; i < 30; i++) {
      assertThat(backoff.next()).as("after the cap is reached").isBetween(Backoff.CAP.dividedBy(2), Backoff.CAP);
    }
    backoff.reset();

    assertThat(first).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(second).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
  }
}
