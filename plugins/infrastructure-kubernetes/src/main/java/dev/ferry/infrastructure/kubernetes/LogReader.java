package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.Exit;
import java.io.IOException;
import java.time.Duration;

/**
 * Reads a running pod's log ({@link PodLog}) on a thread of its own, again from where it stopped each time the
 * API ends the stream before the run has ended (a kubelet or connection that broke it off), once more after
 * the end, so that every line is handed on before the end is reported.
 */
final class LogReader {
  private static final Duration LAST_READ = Duration.ofSeconds(30);

  private final PodLog log;
  private final String pod;
  private final String container;
  private final Object changes;
  private final Thread thread;
  private volatile boolean ending;
  private String broke;

  private LogReader(PodLog log, String pod, String container, Object changes) {
    this.log = log;
    this.pod = pod;
    this.container = container;
    this.changes = changes;
    this.thread = new Thread(this::readToTheEnd, "ferry-kubernetes-log-" + pod);
    thread.setDaemon(true);
  }

  /** Reads the log of {@code container} in {@code pod}; {@code changes} is notified when the run changes. */
  static LogReader start(PodLog log, String pod, String container, Object changes) {
    LogReader reader = new LogReader(log, pod, container, changes);
    reader.thread.start();
    return reader;
  }

  /** Reads what is left of the log, then gives {@code exit} back. */
  Exit finish(Exit exit) {
    ending = true;
    synchronized (changes) {
      changes.notifyAll();
    }
    try {
      thread.join(LAST_READ.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return exit;
  }

  private void readToTheEnd() {
    while (true) {
      boolean last = ending;
      try {
        if (!log.read(pod, container)) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        String why = KubernetesChecks.message(e);
        if (!last && !why.equals(broke)) {
          broke = why;
          log.say("[ferry] The log of pod " + pod + " broke off (" + why + "); it is read again from where it"
              + " stopped");
        }
      }
      if (last) {
        return;
      }
      synchronized (changes) {
        try {
          changes.wait(Duration.ofSeconds(1).toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
