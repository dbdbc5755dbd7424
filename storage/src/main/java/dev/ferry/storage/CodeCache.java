package dev.ferry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent's code files by content (SHA-256), kept between runs up to a size limit, the least
 * recently used leaving first. A run's file is a hard link to its cached copy (a copy where links
 * cannot be made). Every cached file carries a fixed modification time, so a run that wrote into
 * its linked file is noticed, and the entry is fetched again rather than handed to the next run.
 */
public final class CodeCache {
  /** No cache: every file is fetched straight to its place and checked against its hash. */
  public static final CodeCache NONE = new CodeCache(null, 0);
  /** The default size limit: 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  private static final FileTime UNTOUCHED = FileTime.fromMillis(0);

  private final Path dir;
  private final long maxBytes;

  /** A cache in {@code dir} of at most {@code maxBytes}. */
  public CodeCache(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /** Fetches a file's content to a path that does not exist yet. */
  public interface Fetch {
    void to(Path target) throws IOException;
  }

  /**
   * Puts the file whose content has {@code sha256} at {@code target}, replacing what is there: from
   * the cache when it holds it unchanged, otherwise fetched (then linked into the cache when there is
   * one). Returns true when it came from the cache. A fetched file whose content does not match
   * fails, naming {@code what}.
   */
  public boolean place(String sha256, Path target, String what, Fetch fetch) throws IOException {
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(target); // a download into a folder that holds an older copy replaces it
    if (dir == null) {
      fetch.to(target);
      verify(target, sha256, what);
      return false;
    }
    Path cached = dir.resolve(sha256);
    if (!intact(cached)) {
      // fetched straight to its place, then linked into the cache: no temporary file, move or second link
      fetch.to(target);
      verify(target, sha256, what);
      Files.setLastModifiedTime(target, UNTOUCHED);
      Files.createDirectories(dir);
      try {
        Files.createLink(cached, target);
      } catch (FileAlreadyExistsException e) {
        if (!intact(cached)) { // a run wrote into the cached copy: this one replaces it
          copyInto(target, sha256, cached);
        } // else another download cached the same content meanwhile
      } catch (IOException | UnsupportedOperationException e) {
        copyInto(target, sha256, cached);
      }
      return false;
    }
    Files.getFileAttributeView(cached, BasicFileAttributeView.class).setTimes(null, FileTime.fromMillis(
        System.currentTimeMillis()), null); // the last use, for the least-recently-used order
    try {
      Files.createLink(target, cached);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return true;
  }

  /** Removes the least recently used files until the cache is within its limit. */
  public void trim() {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<Entry> all = entries.map(CodeCache::entry).filter(java.util.Objects::nonNull)
          .sorted(Comparator.comparing(Entry::lastUse)).toList();
      long total = all.stream().mapToLong(Entry::size).sum();
      for (Entry entry : all) {
        if (total <= maxBytes) {
          break;
        }
        Files.deleteIfExists(entry.path());
        total -= entry.size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot trim the code cache " + dir, e);
    }
  }

  private record Entry(Path path, long size, FileTime lastUse) {}

  private static Entry entry(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return new Entry(path, attributes.size(), attributes.lastAccessTime());
    } catch (IOException gone) {
      return null;
    }
  }

  /** Whether a cached file is there as it was stored: a run that wrote into its link changed its time. */
  private static boolean intact(Path cached) throws IOException {
    if (!Files.exists(cached)) {
      return false;
    }
    if (Files.getLastModifiedTime(cached).equals(UNTOUCHED)) {
      return true;
    }
    Files.delete(cached);
    return false;
  }

  private static void verify(Path file, String sha256, String what) throws IOException {
    String actual = CodeManifest.sha256(file);
    if (!actual.equals(sha256)) {
      throw new StorageException(what + " does not hold what the code manifest says (SHA-256 " + actual
          + ", expected " + sha256 + "): it was changed after the upload; upload the code again");
    }
  }

  /** Where links cannot be made: a copy of {@code file}, with its time, moved into the cache whole. */
  private void copyInto(Path file, String sha256, Path cached) throws IOException {
    Path partial = Files.createTempFile(dir, sha256, ".part");
    try {
      Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      moveInto(partial, cached);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static void moveInto(Path partial, Path cached) throws IOException {
    try {
      Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
