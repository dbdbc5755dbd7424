package dev.ferry.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves files several at a time on one bounded pool that every transfer of the process shares, so
 * that many runs starting together do not open hundreds of connections.
 */
final class Transfers {
  /** Files in flight at once, across all transfers. */
  static final int PARALLEL = 8;

  /** A transfer of one item; may block and throw. */
  interface Step<T, R> {
    R apply(T item) throws Exception;
  }

  private static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLEL, new java.util.concurrent.ThreadFactory() {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "ferry-transfer-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  });

  private Transfers() {}

  /**
   * Applies {@code step} to every item on the pool and returns the results in the items' order. The
   * first failure stops the items not yet started and is thrown ({@link StorageException}s as they are).
   */
  static <T, R> List<R> each(List<T> items, Step<T, R> step) {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(POOL.submit(() -> step.apply(item)));
    }
    List<R> results = new ArrayList<>();
    try {
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      futures.forEach(future -> future.cancel(false));
      if (e.getCause() instanceof StorageException failure) {
        throw failure;
      }
      throw new StorageException(e.getCause().getMessage(), false, e.getCause());
    } catch (InterruptedException e) {
      futures.forEach(future -> future.cancel(true));
      Thread.currentThread().interrupt();
      throw new StorageException("Transfer interrupted", false, e);
    }
  }
}
