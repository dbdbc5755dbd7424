package dev.ferry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

  @Test
  void secondsAreAPauseOfThatManySeconds() {
    assertThat(RetryAfter.parse("2", NOW)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void anHttpDateIsAPauseUntilThen() {
    assertThat(RetryAfter.parse("Fri, 01 Mar 2024 12:00:07 GMT", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Fri, 01 Mar 2024 11:59:00 GMT", NOW)).as("a date passed").isEqualTo(Duration.ZERO);
  }

  @Test
  void aPauseLongerThanTheMostIsCutToIt() {
    assertThat(RetryAfter.parse("86400", NOW)).isEqualTo(RetryAfter.MOST);
    assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEqualTo(RetryAfter.MOST);
    assertThat(RetryAfter.parse("Sat, 02 Mar 2024 12:00:00 GMT", NOW)).isEqualTo(RetryAfter.MOST);
  }

  @Test
  void noHeaderOrAnUnreadableOneAsksForNothing() {
    assertThat(RetryAfter.parse(null, NOW)).isNull();
    assertThat(RetryAfter.parse("", NOW)).isNull();
    assertThat(RetryAfter.parse("soon", NOW)).isNull();
    assertThat(RetryAfter.parse("-3", NOW)).isNull();
  }
}
