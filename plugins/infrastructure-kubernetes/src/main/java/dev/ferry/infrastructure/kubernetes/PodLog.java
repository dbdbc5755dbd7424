package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.OutputHandOff;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.BytesLimitTerminateTimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
  private final OutputHandOff output;
  /** How many lines of the time handed on to were handed on: those a read from that second skips. */
  private long handedAtThatTime;

  /** The log handed on from {@code handedOn} (a time as {@link #detach} gives it; every line of it was). */
  PodLog(KubernetesClient client, String namespace, long handedOn, Consumer<String> lines) {
    this.client = client;
    this.namespace = namespace;
    this.output = new OutputHandOff(lines, handedOn);
    this.handedAtThatTime = Long.MAX_VALUE;
  }

  /**
   * Reads the log of {@code container} in {@code pod} on from where it was handed on, following it while the
   * container runs, until the API ends it (the container ended, or the stream broke off). False once detached.
   */
  boolean read(String pod, String container) throws IOException {
    if (output.detached()) {
      return false;
    }
    long skipAtThatTime = handedAtThatTime;
    long from = output.handedOn();
    BytesLimitTerminateTimeTailPrettyLoggable all = client.pods().inNamespace(namespace).withName(pod)
        .inContainer(container).usingTimestamps();
    Loggable log = from > 0 ? all.sinceTime(Instant.ofEpochSecond(from / 1_000_000_000L).toString()) : all;
    try (LogWatch watch = log.watchLog();
        BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
      if (!output.reading(watch)) {
        return false;
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int space = line.indexOf(' ');
        long at = space < 0 ? -1 : OutputHandOff.nanos(line.substring(0, space));
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
    output.say(line);
  }

  /** Stops handing lines on and ends a read under way; how far the output was handed on. */
  long detach() {
    return output.detach();
  }

  boolean detached() {
    return output.detached();
  }

  /** Hands on a line of time {@code at}, counting those of one time; false once detached. */
  private boolean handOn(String text, long at) {
    long before = output.handedOn();
    if (!output.handOn(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, at)) {
      return false;
    }
    handedAtThatTime = at == before && handedAtThatTime < Long.MAX_VALUE ? handedAtThatTime + 1 : 1;
    return true;
  }
}
