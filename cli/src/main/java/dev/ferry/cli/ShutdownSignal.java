package dev.ferry.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command (agent, server) block its main thread until SIGTERM or SIGINT, then
 * clean up before the JVM exits.
 */
public final class ShutdownSignal {
  private static final long CLEANUP_SECONDS = 30;

  private final CountDownLatch stopping = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public ShutdownSignal() {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.countDown();
      try {
        stopped.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ferry-shutdown"));
  }

  /** Blocks until the process is asked to stop. */
  public void await() {
    try {
      stopping.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Says the cleanup is done, so the JVM may exit. */
  public void cleanedUp() {
    stopped.countDown();
  }
}
