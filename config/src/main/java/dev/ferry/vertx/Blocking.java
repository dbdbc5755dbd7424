package dev.ferry.vertx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * The one way ferry runs blocking work (JDBC, file copies, process and SDK calls) from Vert.x
 * code: on a bounded, named worker pool, never on the event loop. Calls run concurrently; the
 * result comes back on the caller's context.
 */
public final class Blocking implements AutoCloseable {
  private final WorkerExecutor pool;

  public Blocking(Vertx vertx, String name, int size) {
    this.pool = vertx.createSharedWorkerExecutor(name, size);
  }

  public <T> Future<T> run(Callable<T> work) {
    return pool.executeBlocking(work, false);
  }

  @Override
  public void close() {
    pool.close();
  }
}
