package dev.ferry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The CLI's logging, set up in code rather than from an XML file (which would load an XML parser
 * into every process): one line per event on stderr, so that command output on stdout stays clean
 * for scripts; {@code FERRY_LOG_LEVEL} sets the level (INFO by default); chatty libraries at WARN.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The appender's name, which {@link LogFormat} looks up to switch the format. */
  static final String APPENDER = "STDERR";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    TextLogEncoder encoder = new TextLogEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    String level = System.getenv("FERRY_LOG_LEVEL");
    root.setLevel(Level.toLevel(level, Level.INFO));
    for (String chatty : new String[] {"com.zaxxer.hikari", "org.flywaydb", "io.netty", "io.vertx", "ch.qos.logback"}) {
      context.getLogger(chatty).setLevel(Level.WARN);
    }
    if (root.getLevel().isGreaterOrEqual(Level.INFO)) {
      // the Azure SDK warns of a restricted header at every request and logs each failure it retries;
      // ferry's own error already says what failed and how to mend it (FERRY_LOG_LEVEL=DEBUG shows them)
      context.getLogger("com.azure").setLevel(Level.OFF);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
