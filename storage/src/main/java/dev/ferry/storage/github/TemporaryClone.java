package dev.ferry.storage.github;

import dev.ferry.storage.StorageException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** An empty temporary folder for a clone, deleted with everything in it when closed (symlinks themselves, never what they point to). */
final class TemporaryClone implements AutoCloseable {
  private final Path dir;

  private TemporaryClone(Path dir) {
    this.dir = dir;
  }

  static TemporaryClone create() {
    try {
      return new TemporaryClone(Files.createTempDirectory("ferry-github-"));
    } catch (IOException e) {
      throw new StorageException("Cannot create a temporary folder to clone into: " + e.getMessage(), false, e);
    }
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
          if (failure != null) {
            throw failure;
          }
          Files.delete(folder);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new StorageException("Cannot delete the temporary clone " + dir + ": " + e.getMessage()
          + "; delete it by hand", false, e);
    }
  }
}
