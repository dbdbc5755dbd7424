package dev.ferry.cli;

import dev.ferry.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the Vert.x instance of the command's API session (and logging with it) and the JSON mapper on a second
 * thread while the main thread parses the command line: each costs tens of milliseconds of class
 * loading and initialisation that an agent or an API command would otherwise wait for in turn. It
 * then builds the mapper's readers of the types the command reads first (an agent: its work queues
 * and the runs it claims), which would otherwise be built on the event loop as the first answers
 * come.
 */
final class Preload {
  private static final AtomicReference<CompletableFuture<Vertx>> VERTX = new AtomicReference<>();

  private Preload() {}

  /** Starts the preloading thread; {@code reads} are the types whose readers it builds last. */
  static void start(List<Class<?>> reads) {
    CompletableFuture<Vertx> vertx = new CompletableFuture<>();
    VERTX.set(vertx);
    Thread thread = new Thread(() -> {
      try {
        vertx.complete(newVertx());
        Json.MAPPER.getTypeFactory();
        reads.forEach(Json.MAPPER::readerFor); // a reader fetches its type's deserializer, kept by the mapper
      } catch (RuntimeException | Error e) {
        vertx.completeExceptionally(e);
      }
    }, "ferry-preload");
    thread.setDaemon(true);
    thread.start();
  }

  /** The Vert.x instance for an API session: the preloaded one the first time, a new one after that. */
  static Vertx vertx() {
    CompletableFuture<Vertx> preloaded = VERTX.getAndSet(null);
    return preloaded == null ? newVertx() : preloaded.exceptionally(error -> newVertx()).join();
  }

  /** One event loop: a command's or an agent's work is waiting on the API; what blocks runs on workers. */
  private static Vertx newVertx() {
    return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  }
}
