package dev.ferry.cli.deploy;

import dev.ferry.storage.Transfer;
import java.util.Locale;

/** The one line that closes an upload or a download: files, bytes, seconds and where. */
public final class TransferSummary {
  private TransferSummary() {}

  /** E.g. "Uploaded 12 files (1.4 MB) to s3://flows/etl in 0.8 s". */
  public static String line(String verb, Transfer transfer, long nanos, String url) {
    String cached = transfer.fromCache() == 0 ? "" : ", " + transfer.fromCache() + " from the cache";
    return String.format(Locale.ROOT, "%s %d file%s (%s%s) %s %s in %.1f s", verb, transfer.files(),
        transfer.files() == 1 ? "" : "s", size(transfer.bytes()), cached, verb.equals("Uploaded") ? "to" : "from", url,
        nanos / 1e9);
  }

  private static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    if (bytes < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
