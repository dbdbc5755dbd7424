package dev.ferry.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Lets a long-running command (agent, server) block its main thread until SIGTERM or SIGINT and
 * then stop in its own time; a second signal ends the process at once.
 */
public final class ShutdownSignal {
  /** The exit status after a second signal: 128 + SIGTERM, as a shell reports it. */
  private static final int FORCED_EXIT = 143;

  private final CountDownLatch stopping = new CountDownLatch(1);

  public ShutdownSignal() {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        if (stopping.getCount() == 0) {
          System.err.println("Second SIG" + signal.getName() + ": stopping at once");
          Runtime.getRuntime().halt(FORCED_EXIT);
        }
        stopping.countDown();
      });
    }
  }

  /** Blocks until the process is asked to stop. */
  public void await() {
    try {
      stopping.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
