package dev.ferry.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a folder tree on a local disk, and copies of it. Neither ever follows a symlink out
 * of the tree, and a copy never writes outside its target.
 */
public final class LocalTree {
  private LocalTree() {}

  /** A file of a tree: its path relative to the tree's root with '/' separators, where it is, its size. */
  public record LocalFile(String relative, Path path, long size) {}

  /**
   * The files of {@code root} that {@code ignore} keeps, in a stable order. {@code skip}, a folder
   * inside the tree (or null), is left out; a symlink out of the tree is an error naming it.
   */
  public static List<LocalFile> files(Path root, IgnoreRules ignore, Path skip) {
    if (!Files.isDirectory(root)) {
      throw new StorageException("Folder " + root + " does not exist or is not a folder");
    }
    Path source = realPath(root);
    Path skipped = skip == null || !Files.exists(skip) ? null : realPath(skip);
    List<LocalFile> files = new ArrayList<>();
    try {
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String relative = relative(source, dir);
          boolean leftOut = !relative.isEmpty() && (ignore.ignored(relative, true) || dir.equals(skipped));
          return leftOut ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
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
          files.add(new LocalFile(relative, file, Files.size(file)));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new StorageException("Cannot read the files of " + root + ": " + e.getMessage(), false, e);
    }
    files.sort(java.util.Comparator.comparing(LocalFile::relative));
    return files;
  }

  /**
   * Copies the files of {@code from} that {@code ignore} keeps into {@code to}.
   * Folders are created for the files copied (empty ones are not), and a target inside the source
   * is left out of the copy.
   */
  public static Transfer copy(Path from, Path to, IgnoreRules ignore) {
    try {
      Files.createDirectories(to);
      List<LocalFile> files = files(from, ignore, to);
      for (LocalFile file : files) {
        Path copy = confined(to, file.relative());
        Files.createDirectories(copy.getParent());
        Files.copy(file.path(), copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return new Transfer(files.size(), files.stream().mapToLong(LocalFile::size).sum(), 0);
    } catch (IOException e) {
      throw new StorageException("Cannot copy " + from + " to " + to + ": " + e.getMessage(), false, e);
    }
  }

  /** {@code root/relative}, refused when it would land outside {@code root} ("..", absolute keys). */
  public static Path confined(Path root, String relative) {
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root.normalize()) || Path.of(relative).isAbsolute()) {
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
