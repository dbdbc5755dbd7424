package dev.ferry.cli;

import dev.ferry.json.Json;
import io.vertx.core.VertxOptions;
import org.slf4j.LoggerFactory;

/**
 * Starts logging, the JSON mapper and Vert.x's platform probes on a second thread while the main
 * thread parses the command line: each costs tens of milliseconds of class loading and static
 * initialisation that an agent or an API command would otherwise wait for one after the other.
 */
final class Preload {
  private Preload() {}

  static void start() {
    Thread thread = new Thread(() -> {
      LoggerFactory.getILoggerFactory();
      Json.MAPPER.getTypeFactory();
      new VertxOptions();
    }, "ferry-preload");
    thread.setDaemon(true);
    thread.start();
  }
}
