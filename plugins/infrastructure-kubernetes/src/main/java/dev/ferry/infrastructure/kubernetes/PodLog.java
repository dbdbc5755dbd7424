package dev.ferry.infrastructure.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.BytesLimitTerminateTimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * The flow container's log, read with the kubelet's timestamps and handed on line by line. How far it was
 * handed on is a time: the timestamp of the last line handed on, in nanoseconds (0: nothing yet). A read goes
 * on from that second (the API takes no finer {@code sinceTime}) and skips the lines already handed on, so a
 * log that breaks off, or an agent that takes the run over, hands on each line once.
 */
final class PodLog {
  private final KubernetesClient client;
  private final String namespace;
  private final Consumer<String> lines;
  /** Guards the fields below: a line is handed on and counted at once, or not at all once detached. */
  private final Object handing = new Object();
  private long handedOn;
  /** How many lines of time {@link #handedOn} were handed on: those a read from that second skips. */
  private long handedAtThatTime;
  private boolean detached;
  private LogWatch reading;

  /** The log handed on from {@code handedOn} (a time as {@link #detach} gives it; every line of it was). */
  PodLog(KubernetesClient client, String namespace, long handedOn, Consumer<String> lines) {
    this.client = client;
    this.namespace = namespace;
    this.lines = lines;
    this.handedOn = handedOn;
    this.handedAtThatTime = Long.MAX_VALUE;
  }

  /**
   * Reads the log of {@code container} in {@code pod} on from where it was handed on, following it while the
   * container runs, until the API ends it (the container ended, or the stream broke off). False once detached.
   */
  boolean read(String pod, String container) throws IOException {
    long skipAtThatTime;
    long from;
    synchronized (handing) {
      if (detached) {
        return false;
      }
      skipAtThatTime = handedAtThatTime;
      from = handedOn;
    }
    BytesLimitTerminateTimeTailPrettyLoggable all = client.pods().inNamespace(namespace).withName(pod)
        .inContainer(container).usingTimestamps();
    Loggable log = from > 0 ? all.sinceTime(Instant.ofEpochSecond(from / 1_000_000_000L).toString()) : all;
    try (LogWatch watch = log.watchLog();
        BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
      synchronized (handing) {
        if (detached) {
          return false;
        }
        reading = watch;
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int space = line.indexOf(' ');
        long at = space < 0 ? -1 : nanos(line.substring(0, space));
        if (at >= 0 && at < from || at == from && skipAtThatTime-- > 0) {
          continue;
        }
        if (!handOn(at < 0 ? line : line.substring(space + 1), Math.max(at, from))) {
          return false;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (detached()) {
        return false;
      }
      throw e;
    }
    return !detached();
  }

  /** Hands on a line of ferry's own about the run (it moves nothing on). */
  void say(String line) {
    synchronized (handing) {
      if (!detached) {
        lines.accept(line);
      }
    }
  }

  /** Stops handing lines on and ends a read under way; how far the output was handed on. */
  long detach() {
    LogWatch open;
    long at;
    synchronized (handing) {
      detached = true;
      open = reading;
      at = handedOn;
    }
    if (open != null) {
      open.close();
    }
    return at;
  }

  boolean detached() {
    synchronized (handing) {
      return detached;
    }
  }

  private boolean handOn(String text, long at) {
    synchronized (handing) {
      if (detached) {
        return false;
      }
      lines.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
      if (at == handedOn && handedAtThatTime < Long.MAX_VALUE) {
        handedAtThatTime++;
      } else {
        handedOn = at;
        handedAtThatTime = 1;
      }
      return true;
    }
  }

  private static long nanos(String timestamp) {
    try {
      Instant at = Instant.parse(timestamp);
      return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
