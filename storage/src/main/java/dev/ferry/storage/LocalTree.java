package dev.ferry.storage;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
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
   * The files of {@code root} that {@code ignore} keeps, in a stable order. A symlink inside the tree
   * is followed, as a copy would follow it (its files are listed under the link's path); one that
   * leads out of the tree, or round in a loop, is an error naming it. {@code skip}, a folder inside
   * the tree (or null), is left out.
   */
  public static List<LocalFile> files(Path root, IgnoreRules ignore, Path skip) {
    if (!Files.isDirectory(root)) {
      throw new StorageException("Folder " + root + " does not exist or is not a folder");
    }
    Path source = realPath(root);
    Path skipped = skip == null || !Files.exists(skip) ? null : realPath(skip);
    List<LocalFile> files = new ArrayList<>();
    try {
      Files.walkFileTree(source, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String relative = relative(source, dir);
          if (!relative.isEmpty() && (ignore.ignored(relative, true) || dir.equals(skipped))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          inside(source, dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String relative = relative(source, file);
          if (!ignore.ignored(relative, false)) {
            inside(source, file);
            files.add(new LocalFile(relative, file, attrs.size()));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof FileSystemLoopException) {
            throw new StorageException("Symlink " + file + " leads round in a loop; ferry does not copy it. Remove it,"
                + " or list it in " + IgnoreRules.FILE_NAME);
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new StorageException("Cannot read the files of " + root + ": " + e.getMessage(), false, e);
    }
    files.sort(java.util.Comparator.comparing(LocalFile::relative));
    return files;
  }

  /** Refuses a path of the tree whose real place, links resolved, is outside it. */
  private static void inside(Path source, Path path) {
    if (!realPath(path).startsWith(source)) {
      throw new StorageException("Symlink " + path + " points outside " + source + "; ferry does not follow it."
          + " Replace it with what it points to, or list it in " + IgnoreRules.FILE_NAME);
    }
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
