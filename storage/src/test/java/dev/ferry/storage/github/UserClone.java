package dev.ferry.storage.github;

import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.LocalTree;
import dev.ferry.storage.Transfer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;

/** A user's clone of a test repository on branch main: code put in, committed and pushed as a user does with git. */
public final class UserClone implements AutoCloseable {
  private final Git git;
  private final Path workTree;

  private UserClone(Git git, Path workTree) {
    this.git = git;
    this.workTree = workTree;
  }

  /** A new, empty clone in {@code dir} whose origin is {@code remote}. */
  public static UserClone init(Path dir, String remote) throws Exception {
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    git.remoteAdd().setName("origin").setUri(new URIish(remote)).call();
    return new UserClone(git, dir);
  }

  /** An empty bare repository {@code dir} whose HEAD is main, as a git server holds one. */
  public static void bareRepository(Path dir) throws Exception {
    Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
  }

  /** Replaces the folder {@code path} of the repository with the files of {@code project} that {@code ignore} keeps, and pushes. */
  public Transfer push(Path project, String path, IgnoreRules ignore) throws Exception {
    Path folder = LocalTree.confined(workTree, path);
    deleteAllBut(folder, workTree.resolve(Constants.DOT_GIT));
    List<LocalTree.LocalFile> files = LocalTree.files(project, ignore, null);
    for (LocalTree.LocalFile file : files) {
      Path copy = folder.resolve(file.relative());
      Files.createDirectories(copy.getParent());
      Files.copy(file.path(), copy);
    }
    commitAndPush("Code for '" + path + "'");
    return new Transfer(files.size(), files.stream().mapToLong(LocalTree.LocalFile::size).sum(), 0);
  }

  /** Writes one file, commits and pushes it. */
  void commitFile(String key, byte[] content) throws Exception {
    Path file = workTree.resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    commitAndPush("Write " + key);
  }

  /** Commits and pushes a symlink {@code key} to {@code target}. */
  void commitSymlink(String key, String target) throws Exception {
    Path link = workTree.resolve(key);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
    commitAndPush("Link " + key + " to " + target);
  }

  /** Pushes what main holds now as branch {@code name} too. */
  void pushBranch(String name) throws Exception {
    push(new RefSpec("refs/heads/main:refs/heads/" + name));
  }

  /** Tags what main holds now as {@code name} and pushes the tag. */
  void pushTag(String name) throws Exception {
    git.tag().setName(name).setAnnotated(false).call();
    push(new RefSpec("refs/tags/" + name + ":refs/tags/" + name));
  }

  private void commitAndPush(String message) throws Exception {
    git.add().addFilepattern(".").setAll(true).call();
    git.commit().setMessage(message).setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com")
        .setSign(false).setAllowEmpty(true).call();
    push(new RefSpec("refs/heads/main:refs/heads/main"));
  }

  private void push(RefSpec spec) throws Exception {
    for (PushResult result : git.push().setRemote("origin").setRefSpecs(spec).setForce(true).call()) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          throw new IllegalStateException("Push of " + spec + " failed: " + update.getStatus() + " " + update.getMessage());
        }
      }
    }
  }

  /** Deletes {@code folder} and all it holds, except {@code kept}. */
  private static void deleteAllBut(Path folder, Path kept) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        return dir.equals(kept) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (!dir.equals(folder) && !dir.equals(kept)) {
          Files.delete(dir);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  @Override
  public void close() {
    git.close();
  }
}
