package dev.ferry.bench;

import java.util.Locale;

/** One look at the agent during a soak, at {@code seconds} from its start, as a table row and a CSV line. */
record Sample(double seconds, long runsEnded, double rssMiB, double heapMiB, long threads, long fds,
    double loopDelayMs, long outbox) {
  static final String CSV_HEADER =
      "seconds,runs_ended,rss_mib,heap_after_gc_mib,threads,open_fds,event_loop_delay_max_ms,outbox";
  static final String TABLE_HEADER = String.format("%8s %10s %8s %9s %7s %5s %8s %7s",
      "seconds", "runs ended", "RSS MiB", "heap MiB", "threads", "fds", "loop ms", "outbox");

  String row() {
    return String.format(Locale.ROOT, "%8.0f %10d %8.1f %9.1f %7d %5d %8.1f %7d",
        seconds, runsEnded, rssMiB, heapMiB, threads, fds, loopDelayMs, outbox);
  }

  String csv() {
    return String.format(Locale.ROOT, "%.1f,%d,%.3f,%.3f,%d,%d,%.3f,%d",
        seconds, runsEnded, rssMiB, heapMiB, threads, fds, loopDelayMs, outbox);
  }
}
