package dev.ferry.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A log line for people: local time to the millisecond, level, the logger's last name and the
 * message ({@code 04:43:06.808 INFO  agent - ...}), then the error's stack when there is one.
 * Written here rather than with a logback pattern, whose parser and converters every process would
 * load for this one fixed format.
 */
final class TextLogEncoder extends LineEncoder {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());

  @Override
  String line(ILoggingEvent event) {
    String logger = event.getLoggerName();
    String level = event.getLevel().toString();
    StringBuilder line = new StringBuilder(80).append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
        .append(' ').append(level).append(" ".repeat(Math.max(1, 6 - level.length())))
        .append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(" - ")
        .append(event.getFormattedMessage()).append('\n');
    if (event.getThrowableProxy() != null) {
      line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
    }
    return line.toString();
  }
}
