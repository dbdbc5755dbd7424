package dev.ferry.infrastructure;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Where a followed run's output lines go, and how far they went, for runners that read it from a log
 * stamped with times (a container engine's, a kubelet's): each line is handed on and its time noted at
 * once, or not at all once the agent has detached (left the run to the agent after it), and detaching
 * ends the read under way. How far is the time of the last line handed on, in nanoseconds since the
 * epoch (0: nothing yet), which {@link Infrastructure#reattach} gets back as its output offset.
 */
public final class OutputHandOff {
  private final Consumer<String> lines;
  /** Guards the three below. */
  private final Object handing = new Object();
  private long handedOn;
  private boolean detached;
  private Closeable reading;

  /** Hands lines on to {@code lines}, the output having been handed on up to {@code handedOn} before. */
  public OutputHandOff(Consumer<String> lines, long handedOn) {
    this.lines = lines;
    this.handedOn = handedOn;
  }

  /** Hands on a line of the run's output, logged at {@code at}; false once detached. */
  public boolean handOn(String line, long at) {
    synchronized (handing) {
      if (detached) {
        return false;
      }
      lines.accept(line);
      handedOn = at;
      return true;
    }
  }

  /** Hands on a line of ferry's own about the run (it moves nothing on). */
  public void say(String line) {
    synchronized (handing) {
      if (!detached) {
        lines.accept(line);
      }
    }
  }

  /** Notes {@code read} as the read under way, which {@link #detach} ends; false (nothing noted) once detached. */
  public boolean reading(Closeable read) {
    synchronized (handing) {
      reading = read;
      return !detached;
    }
  }

  /** How far the output was handed on. */
  public long handedOn() {
    synchronized (handing) {
      return handedOn;
    }
  }

  /** Stops handing lines on and ends the read under way; how far the output was handed on. */
  public long detach() {
    Closeable open;
    long at;
    synchronized (handing) {
      detached = true;
      open = reading;
      at = handedOn;
    }
    if (open != null) {
      try {
        open.close();
      } catch (IOException | RuntimeException alreadyBroken) {
        // the read ends either way, which is all that closing it is for
      }
    }
    return at;
  }

  public boolean detached() {
    synchronized (handing) {
      return detached;
    }
  }

  /** A log's timestamp (RFC 3339, to the nanosecond) in nanoseconds since the epoch; -1 when it is not one. */
  public static long nanos(String timestamp) {
    try {
      Instant at = Instant.parse(timestamp);
      return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
