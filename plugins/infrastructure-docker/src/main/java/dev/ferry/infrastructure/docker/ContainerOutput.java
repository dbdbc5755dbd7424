package dev.ferry.infrastructure.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.ferry.infrastructure.OutputHandOff;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A container's output (stdout and stderr, in the order the engine logged them), read from the
 * engine's log of it and handed on line by line. The engine logs each line as an entry stamped with
 * the nanosecond it read it, and a line longer than 16 KiB as several entries that share the stamp
 * of the first. So how far the output was handed on is a time: the stamp of the last line handed
 * on (0: nothing yet). An agent that takes the run over reads the log from that time on (the engine
 * includes entries of that very time) and skips those of that time: no line is handed on twice and
 * none is lost, unless a line longer than 16 KiB was half read on one stream while the other's lines
 * went on at the moment the agent stopped.
 */
final class ContainerOutput {
  private static final int STDERR = 2;

  private final DockerEngine engine;
  private final String containerId;
  /** Each stream's line so far: an entry without a line end (the engine splits long lines) waits for the next. */
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final OutputHandOff output;
  /** The time of the last entry read, handed on or waiting in a stream's line: where a read goes on. */
  private long readTo;
  /** How many entries of time {@link #readTo} were read, which a read from that time skips. */
  private long readAtReadTo;
  /** How many entries of time {@link #readTo} the read under way has still to skip. */
  private long toSkip;

  /** The output of a container, handed on from {@code handedOn} (a time as {@link #detach} gives it). */
  ContainerOutput(DockerEngine engine, String containerId, long handedOn, Consumer<String> lines) {
    this.engine = engine;
    this.containerId = containerId;
    this.output = new OutputHandOff(lines, handedOn);
    this.readTo = handedOn;
    this.readAtReadTo = Long.MAX_VALUE; // every entry of that time belongs to lines handed on
  }

  /**
   * Reads the log on from where the last read stopped: to its end as it is now, or, with
   * {@code follow}, on while the container runs (the engine ends the log when it stops). False
   * when detached meanwhile.
   */
  boolean read(boolean follow) throws IOException {
    String since = readTo / 1_000_000_000L + "." + String.format("%09d", readTo % 1_000_000_000L);
    String path = "/containers/" + containerId + "/logs?stdout=1&stderr=1&timestamps=1" + (follow ? "&follow=1" : "")
        + (readTo > 0 ? "&since=" + since : "");
    toSkip = readAtReadTo;
    try (DockerHttpClient.Response response = engine.call("GET", path, Map.of())) {
      if (!output.reading(response)) {
        return false;
      }
      InputStream in = response.getBody();
      byte[] header = new byte[8];
      while (in.readNBytes(header, 0, header.length) == header.length) {
        byte[] entry = in.readNBytes(ByteBuffer.wrap(header, 4, 4).getInt());
        if (!take(header[0] == STDERR ? err : out, entry)) {
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

  /** Hands on what the streams hold without a line end: the container's last words, once it has ended. */
  void finish() {
    for (ByteArrayOutputStream stream : new ByteArrayOutputStream[] {out, err}) {
      if (stream.size() > 0) {
        handOn(stream, readTo);
      }
    }
  }

  /** Hands on a line of ferry's own about the container (it moves nothing on). */
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

  /** Takes one entry of the log, {@code TIMESTAMP TEXT}; false once detached. */
  private boolean take(ByteArrayOutputStream stream, byte[] entry) {
    int space = indexOf(entry, (byte) ' ');
    long at = space < 0 ? -1 : OutputHandOff.nanos(new String(entry, 0, space, StandardCharsets.US_ASCII));
    if (at == readTo && toSkip > 0) {
      toSkip--;
      return true; // read before: a read goes on from the time of the last entry, which the engine includes
    } else if (at == readTo) {
      readAtReadTo++;
    } else if (at > readTo) {
      readTo = at;
      readAtReadTo = 1;
      toSkip = 0;
    }
    stream.write(entry, space + 1, entry.length - space - 1);
    byte[] line = stream.toByteArray();
    return line.length == 0 || line[line.length - 1] != '\n' || handOn(stream, readTo);
  }

  /** Hands on a stream's line and empties it; false once detached. */
  private boolean handOn(ByteArrayOutputStream stream, long at) {
    String text = stream.toString(StandardCharsets.UTF_8);
    stream.reset();
    text = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    return output.handOn(text, at);
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
