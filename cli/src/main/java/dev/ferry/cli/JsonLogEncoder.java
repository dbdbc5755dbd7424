package dev.ferry.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.time.Instant;

/** One JSON object a log line: time, level, logger, message, and the error when there is one. */
final class JsonLogEncoder extends LineEncoder {
  @Override
  String line(ILoggingEvent event) {
    ObjectNode line = Json.object().put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString())
        .put("level", event.getLevel().toString()).put("logger", event.getLoggerName())
        .put("message", event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      line.put("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    return Json.write(line) + "\n";
  }
}
