package dev.ferry.storage.github;

import dev.ferry.storage.LocalTree;
import dev.ferry.storage.Transfer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of a fresh checkout copied into a run's folder. Every entry is looked at before anything
 * is written: a symlink that points outside the folder refuses the whole copy. Symlinks are copied
 * as symlinks, never followed; {@code .git} folders are left out unless asked for.
 */
final class CheckoutCopy {
  private static final String GIT_DIR = ".git";

  private enum Kind { FOLDER, FILE, LINK }

  private record Entry(String relative, Path source, Kind kind, long size) {}

  private CheckoutCopy() {}

  /**
   * Copies {@code folder} ("" for all) of {@code checkout} into {@code target}, a folder that may
   * exist; returns the files and symlinks copied.
   */
  static Transfer copy(Path checkout, String folder, Path target, boolean withGitFolders)
      throws GitProblem, IOException {
    Path root = checkout.toRealPath();
    Path source = root.resolve(folder).normalize();
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) || !source.toRealPath().equals(source)) {
      throw new GitProblem("there is no folder '" + folder + "' in the repository",
          "mend the deployment's path, or push that folder to the repository");
    }
    List<Entry> entries = entries(source, folder, withGitFolders);
    Files.createDirectories(target);
    long bytes = 0;
    for (Entry entry : entries) {
      Path copy = LocalTree.confined(target, entry.relative());
      if (entry.kind() == Kind.FOLDER) {
        Files.createDirectories(copy);
      } else {
        Files.copy(entry.source(), copy, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES,
            StandardCopyOption.REPLACE_EXISTING);
        bytes += entry.size();
      }
    }
    return new Transfer((int) entries.stream().filter(entry -> entry.kind() != Kind.FOLDER).count(), bytes, 0);
  }

  /** The entries of {@code source} in walk order, a folder before what it holds; fails on a symlink out of it. */
  private static List<Entry> entries(Path source, String folder, boolean withGitFolders)
      throws GitProblem, IOException {
    List<Entry> entries = new ArrayList<>();
    List<String> escaping = new ArrayList<>();
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        if (!withGitFolders && dir.getFileName().toString().equals(GIT_DIR) && !dir.equals(source)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        entries.add(new Entry(relative(source, dir), dir, Kind.FOLDER, 0));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (attributes.isSymbolicLink()) {
          if (!SymlinkTargets.staysIn(file, source)) {
            String entry = relative(source, file);
            escaping.add((folder.isEmpty() ? entry : folder + "/" + entry) + " -> " + Files.readSymbolicLink(file));
          }
          entries.add(new Entry(relative(source, file), file, Kind.LINK, 0));
        } else {
          entries.add(new Entry(relative(source, file), file, Kind.FILE, attributes.size()));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    if (!escaping.isEmpty()) {
      String where = folder.isEmpty() ? "the repository" : "'" + folder + "'";
      throw new GitProblem("symlink " + String.join(", ", escaping) + " points outside " + where + ", the folder"
          + " ferry copies", "replace it in the repository with the file it points to; ferry does not copy a symlink"
          + " out of the code");
    }
    return entries;
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }
}
