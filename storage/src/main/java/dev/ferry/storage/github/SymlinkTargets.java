package dev.ferry.storage.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Where a symlink of a checkout leads, judged without ever reading or writing through it. */
final class SymlinkTargets {
  private SymlinkTargets() {}

  /**
   * Whether {@code link} leads to a place inside {@code root} (a real path), both as written and as
   * the file system resolves it, other links and ".." on the way included. An absolute target never
   * does: it would not lead to the copy.
   */
  static boolean staysIn(Path link, Path root) {
    try {
      Path target = Files.readSymbolicLink(link);
      if (target.isAbsolute()) {
        return false;
      }
      Path written = link.getParent().resolve(target);
      return written.normalize().startsWith(root) && resolved(written).startsWith(root);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** The real path of the part of {@code path} (absolute) that exists, followed by the names that do not yet. */
  private static Path resolved(Path path) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = path;
    while (!Files.exists(existing)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    Path real = existing.toRealPath();
    while (!missing.isEmpty()) {
      real = real.resolve(missing.pop());
    }
    return real.normalize();
  }
}
