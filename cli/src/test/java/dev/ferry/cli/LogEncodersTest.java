package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.ferry.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The lines a ferry process logs on stderr, as a person and as a log collector read them. */
class LogEncodersTest {
  private final Logger logger = new LoggerContext().getLogger("ferry.agent");
  private final long at = ZonedDateTime.of(2026, 12, 4, 4, 43, 6, 808_000_000, ZoneId.systemDefault()).toInstant()
      .toEpochMilli();

  @Test
  void aTextLineHasTheLocalTimeThePaddedLevelTheLoggersLastNameAndTheMessage() {
    assertThat(text(event(Level.INFO, "Agent '{}' polling", null)))
        .isEqualTo("04:43:06.808 INFO  agent - Agent 'a1' polling\n");
    assertThat(text(event(Level.ERROR, "Cannot {}", null))).isEqualTo("04:43:06.808 ERROR agent - Cannot a1\n");
  }

  @Test
  void anErrorsStackFollowsItsLine() {
    String text = text(event(Level.WARN, "Failed", new IOException("disk full")));

    assertThat(text).startsWith("04:43:06.808 WARN  agent - Failed\njava.io.IOException: disk full\n")
        .contains("\tat dev.ferry.cli.LogEncodersTest.anErrorsStackFollowsItsLine").endsWith("\n");
  }

  @Test
  void aJsonLineIsOneObjectWithTheErrorInside() {
    String json = encode(new JsonLogEncoder(), event(Level.WARN, "Failed", new IOException("disk full")));

    assertThat(json).endsWith("}\n").doesNotContain("\n\t");
    assertThat(Json.tree(json).path("error").asText()).startsWith("java.io.IOException: disk full");
    assertThat(Json.tree(json).path("logger").asText()).isEqualTo("ferry.agent");
    assertThat(Json.tree(json).path("time").asText()).isEqualTo(Instant.ofEpochMilli(at).toString());
  }

  private LoggingEvent event(Level level, String message, Throwable error) {
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, error, new Object[] {"a1"});
    event.setTimeStamp(at);
    return event;
  }

  private static String text(LoggingEvent event) {
    return encode(new TextLogEncoder(), event);
  }

  private static String encode(LineEncoder encoder, LoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }
}
