package dev.ferry.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Which files of a project stay out of an upload, read from its {@code .prefectignore} in
 * gitignore syntax (matched by JGit, as git itself would).
 */
public final class IgnoreRules {
  public static final String FILE_NAME = ".prefectignore";

  private final IgnoreNode node;

  private IgnoreRules(IgnoreNode node) {
    this.node = node;
  }

  /** The rules of {@code dir/.prefectignore}; none when the file is missing. */
  public static IgnoreRules load(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try (InputStream in = Files.exists(file) ? Files.newInputStream(file) : InputStream.nullInputStream()) {
      IgnoreNode node = new IgnoreNode();
      node.parse(file.toString(), in);
      return new IgnoreRules(node);
    } catch (IOException e) {
      throw new StorageException("Cannot read " + file + ": " + e.getMessage(), false, e);
    }
  }

  public static IgnoreRules none() {
    return parse("");
  }

  public static IgnoreRules parse(String rules) {
    try {
      IgnoreNode node = new IgnoreNode();
      node.parse(new ByteArrayInputStream(rules.getBytes(StandardCharsets.UTF_8)));
      return new IgnoreRules(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a path, relative to the project root with '/' separators, is left out. */
  public boolean ignored(String relativePath, boolean directory) {
    return Boolean.TRUE.equals(node.checkIgnored(relativePath, directory));
  }

  /** Writes ferry's default {@code .prefectignore} into {@code dir} unless one is there; true when it wrote one. */
  public static boolean writeDefaultIfMissing(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return false;
    }
    try (InputStream defaults = IgnoreRules.class.getResourceAsStream("default.prefectignore")) {
      Files.write(file, defaults.readAllBytes());
      return true;
    } catch (IOException e) {
      throw new StorageException("Cannot write " + file + ": " + e.getMessage(), false, e);
    }
  }
}
