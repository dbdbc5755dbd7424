package dev.ferry.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/** A log event as one line of UTF-8 text (a stack trace after it takes more), with no header or footer. */
abstract class LineEncoder extends EncoderBase<ILoggingEvent> {
  /** The event's line, ending in a line break. */
  abstract String line(ILoggingEvent event);

  @Override
  public final byte[] encode(ILoggingEvent event) {
    return line(event).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public final byte[] headerBytes() {
    return null;
  }

  @Override
  public final byte[] footerBytes() {
    return null;
  }
}
