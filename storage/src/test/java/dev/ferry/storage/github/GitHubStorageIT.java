package dev.ferry.storage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlockContract;
import dev.ferry.storage.StorageException;
import dev.ferry.storage.Transfer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The github block against repositories served by a real {@code git daemon} on 127.0.0.1, pushed to as users do. */
class GitHubStorageIT extends StorageBlockContract {
  private static final AtomicInteger REPOSITORIES = new AtomicInteger();
  @TempDir static Path served;
  private static GitDaemon daemon;

  private UserClone user;
  private String repository;

  @BeforeAll
  static void startDaemon() throws Exception {
    daemon = GitDaemon.start(served);
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  @AfterEach
  void closeClone() {
    if (user != null) {
      user.close();
    }
  }

  @Override
  protected StorageBlock newStorage(Path scratch) throws Exception {
    String name = "repository-" + REPOSITORIES.incrementAndGet() + ".git";
    UserClone.bareRepository(served.resolve(name));
    repository = daemon.url(name);
    user = UserClone.init(scratch.resolve("user-clone"), repository);
    return block(repository, "");
  }

  @Override
  protected StorageBlock unreachableStorage(Path scratch) {
    return block(daemon.url("no-such-repository.git"), "");
  }

  @Override
  protected Transfer upload(StorageBlock block, Path dir, String path, IgnoreRules ignore) throws Exception {
    return user.push(dir, path, ignore);
  }

  /** Like Prefect's github block, a download keeps the path: the run's folder stands for the repository's root. */
  @Override
  protected Path codeIn(Path dir, String path) {
    return dir.resolve(path);
  }

  @Override
  protected boolean holdsEmptyProjects() {
    return false;
  }

  @Override
  protected boolean cachesCode() {
    return false;
  }

  @Override
  protected void putRawObject(String key, byte[] content) throws Exception {
    user.commitFile(key, content);
  }

  @Override
  protected void plantEscapingEntry(String path) throws Exception {
    user.commitSymlink(path + "/escaped.txt", "../../../escaped-target");
  }

  private static GitHubBlock block(String repository, String reference) {
    return GitHubBlock.fromBlock(Json.object().put("repository", repository).put("reference", reference));
  }

  @Test
  void aFolderOfTheRepositoryKeepsItsPathInTheRunsFolderAsWithPrefect() throws Exception {
    user.commitFile("flows/etl/flow.py", "print('etl')\n".getBytes(StandardCharsets.UTF_8));
    user.commitFile("other.py", "print('other')\n".getBytes(StandardCharsets.UTF_8));
    Path run = scratch.resolve("run");

    Transfer copied = block(repository, "main").getDirectory("flows/etl", run, CodeCache.NONE);

    assertThat(run.resolve("flows/etl/flow.py")).hasContent("print('etl')");
    assertThat(run.resolve("other.py")).doesNotExist();
    assertThat(copied.files()).isEqualTo(1);
    assertThat(copied.fromCache()).isZero();
  }

  @Test
  void aTagDownloadsTheCodeItNames() throws Exception {
    user.commitFile("flow.py", "print('v1')\n".getBytes(StandardCharsets.UTF_8));
    user.pushTag("v1");
    user.commitFile("flow.py", "print('v2')\n".getBytes(StandardCharsets.UTF_8));

    block(repository, "v1").getDirectory("", scratch.resolve("run"), CodeCache.NONE);

    assertThat(scratch.resolve("run/flow.py")).hasContent("print('v1')");
  }

  @Test
  void aMissingReferenceIsNamedWithTheBranchesThereAre() throws Exception {
    user.commitFile("flow.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    user.pushBranch("dev");
    GitHubBlock wrong = block(repository, "nope");

    assertThatThrownBy(() -> wrong.getDirectory("", scratch.resolve("run"), CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining(wrong.url(""))
        .hasMessageContaining("'nope'").hasMessageContaining("dev, main").hasMessageContaining("'reference'");
    assertThat(wrong.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.finding()).contains("'nope'", "dev, main");
      assertThat(check.fix()).contains("'reference'");
    });
  }

  @Test
  void doctorNamesTheReferenceItFound() throws Exception {
    user.commitFile("flow.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    assertThat(block(repository, "").checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.OK);
      assertThat(check.finding()).isEqualTo("repository reachable, reference 'main' found");
    });
  }

  @Test
  void aServerThatDoesNotAnswerIsReportedWithWhatToCheck() throws Exception {
    int closed = 1; // nothing listens there: a free port found and closed may be taken by another process
    GitHubBlock unreachable = block("git://127.0.0.1:" + closed + "/repository.git", "main");

    assertThat(unreachable.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.finding()).startsWith("cannot reach the repository");
      assertThat(check.fix()).contains("'repository'");
    });
    assertThatThrownBy(() -> unreachable.getDirectory("", scratch.resolve("run"), CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining(unreachable.url(""));
    assertThat(scratch.resolve("run")).doesNotExist();
  }

  @Test
  void aRepositoryWithoutCommitsSaysToPushTheCode() {
    assertThat(block(repository, "").checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.fix()).contains("push");
    });
  }

  @Test
  void theRunsFolderHoldsNoGitObjectsWhenTheBlockSaysSo() throws Exception {
    user.commitFile("flow.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    GitHubBlock withoutGit = GitHubBlock.fromBlock(Json.object().put("repository", repository)
        .put("include_git_objects", false));

    withoutGit.getDirectory("", scratch.resolve("run"), CodeCache.NONE);
    block(repository, "").getDirectory("", scratch.resolve("run-with-git"), CodeCache.NONE);

    assertThat(scratch.resolve("run/flow.py")).exists();
    assertThat(scratch.resolve("run/.git")).doesNotExist();
    assertThat(scratch.resolve("run-with-git/.git/HEAD")).exists();
    assertThat(Files.exists(scratch.resolve("run-with-git/flow.py"))).isTrue();
  }
}
