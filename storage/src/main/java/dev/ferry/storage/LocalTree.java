package dev.ferry.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies a folder tree on local disks. The copy never writes outside its target and never
 * follows a symlink out of its source.
 */
public final class LocalTree {
  private LocalTree() {}

  /**
   * Copies the files of {@code from} that {@code ignore} keeps into {@code to}; returns how many.
   * Folders are created for the files copied (empty ones are not), and a target inside the source
   * is left out of the copy.
   */
  public static int copy(Path from, Path to, IgnoreRules ignore) {
    if (!Files.isDirectory(from)) {
      throw new StorageException("Folder " + from + " does not exist or is not a folder");
    }
    Path source = realPath(from);
    int[] copied = {0};
    try {
      Files.createDirectories(to);
      Path target = realPath(to);
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          String relative = relative(source, dir);
          boolean skip = !relative.isEmpty() && (ignore.ignored(relative, true) || dir.equals(target));
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String relative = relative(source, file);
          if (ignore.ignored(relative, false)) {
            return FileVisitResult.CONTINUE;
          }
          if (attrs.isSymbolicLink() && !realPath(file).startsWith(source)) {
            throw new StorageException("Symlink " + file + " points outside " + source + "; ferry does not copy it."
                + " Replace it with the file, or list it in " + IgnoreRules.FILE_NAME);
          }
          Path copy = confined(target, relative);
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
          copied[0]++;
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new StorageException("Cannot copy " + from + " to " + to + ": " + e.getMessage(), false, e);
    }
    return copied[0];
  }

  /** {@code root/relative}, refused when it would land outside {@code root} ("..", absolute keys). */
  public static Path confined(Path root, String relative) {
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root) || Path.of(relative).isAbsolute()) {
      throw new StorageException("Refusing to write '" + relative + "': it is outside the target folder " + root);
    }
    return resolved;
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new StorageException("Cannot resolve " + path + ": " + e.getMessage(), false, e);
    }
  }
}
