package dev.ferry.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, taken out of the driver's jar once per driver version into the user's
 * cache ({@code $XDG_CACHE_HOME/ferry}, else {@code ~/.cache/ferry}) and loaded from there. Left
 * to itself the driver writes a copy of its own into the temp folder at every start, which a
 * killed process never deletes (a megabyte each time), and processes started together race to
 * clean up each other's copies. Where the cache cannot be written, or the user set
 * {@code org.sqlite.lib.path}, the driver does as it does by default.
 */
final class SqliteLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";

  private SqliteLibrary() {}

  /** Has the driver load its library from {@code cache}, putting it there first if it is not yet. */
  static synchronized void useFrom(Path cache) {
    if (System.getProperty(PATH) != null) {
      return;
    }
    String name = LibraryLoaderUtil.getNativeLibName();
    Path folder = cache.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
    Path library = folder.resolve(name);
    try (InputStream packed = SQLiteJDBCLoader.class.getResourceAsStream(
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
      if (packed == null) {
        return; // no library for this system in the jar: the driver says what it can
      }
      if (!Files.exists(library)) {
        Files.createDirectories(folder);
        Path part = Files.createTempFile(folder, name, ".part");
        Files.copy(packed, part, StandardCopyOption.REPLACE_EXISTING);
        // whole or not at all: another process may be loading it already
        Files.move(part, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      System.setProperty(PATH, folder.toString());
      System.setProperty(NAME, name);
    } catch (IOException | RuntimeException e) {
      LOG.debug("SQLite's library stays where the driver puts it: cannot use {}: {}", library, e.toString());
    }
  }

  /** Where ferry keeps what it takes out of its jars: the user's cache. */
  static Path userCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    return (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg))
        .resolve("ferry");
  }
}
