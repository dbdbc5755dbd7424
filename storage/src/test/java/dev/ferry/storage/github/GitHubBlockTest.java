package dev.ferry.storage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.Progress;
import dev.ferry.storage.StorageException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The github block's fields, and its downloads and checks against a repository in a folder, read over file://. */
class GitHubBlockTest {
  @TempDir Path scratch;
  private String repository;
  private UserClone user;

  @BeforeEach
  void createRepository() throws Exception {
    Path bare = scratch.resolve("served/repository.git");
    UserClone.bareRepository(bare);
    repository = "file://" + bare;
    user = UserClone.init(scratch.resolve("user-clone"), repository);
  }

  @AfterEach
  void closeClone() {
    user.close();
  }

  private static GitHubBlock block(ObjectNode data) {
    return GitHubBlock.fromBlock(data);
  }

  private ObjectNode fields() {
    return Json.object().put("repository", repository);
  }

  @Test
  void aFileUrlDownloadsTheRepositoryWithItsGitObjectsByDefault() throws Exception {
    user.commitFile("flows/flow.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    Path run = scratch.resolve("run");

    block(fields()).getDirectory("", run, CodeCache.NONE);

    assertThat(run.resolve("flows/flow.py")).hasContent("print('hi')");
    assertThat(run.resolve(".git/shallow")).exists();
  }

  @Test
  void includeGitObjectsFalseLeavesNoGitFolder() throws Exception {
    user.commitFile("flow.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    Path run = scratch.resolve("run");

    var copied = block(fields().put("include_git_objects", false)).getDirectory("", run, CodeCache.NONE);

    assertThat(copied.files()).isEqualTo(1);
    try (Stream<Path> all = Files.walk(run)) {
      assertThat(all.map(path -> path.getFileName().toString())).doesNotContain(".git");
    }
  }

  @Test
  void aSymlinkInsideTheFolderIsCopiedAsASymlink() throws Exception {
    user.commitFile("flows/settings.py", "X = 1\n".getBytes(StandardCharsets.UTF_8));
    user.commitSymlink("flows/current.py", "settings.py");
    Path run = scratch.resolve("run");

    block(fields()).getDirectory("flows", run, CodeCache.NONE);

    assertThat(Files.isSymbolicLink(run.resolve("flows/current.py"))).isTrue();
    assertThat(Files.readSymbolicLink(run.resolve("flows/current.py"))).isEqualTo(Path.of("settings.py"));
  }

  @Test
  void aSymlinkThroughALinkToItsOwnFolderIsRefusedThoughItReadsAsInside() throws Exception {
    user.commitFile("flows/flow.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    user.commitSymlink("flows/here", ".");
    user.commitSymlink("flows/up.txt", "here/../flow.py");
    Path run = scratch.resolve("run");

    assertThatThrownBy(() -> block(fields()).getDirectory("flows", run, CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining("flows/up.txt").hasMessageContaining("outside");
    assertThat(run).doesNotExist();
  }

  @Test
  void aMissingReferenceIsNamedWithTheBranchesThereAre() throws Exception {
    user.commitFile("flow.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    GitHubBlock wrong = block(fields().put("reference", "release"));

    assertThatThrownBy(() -> wrong.getDirectory("", scratch.resolve("run"), CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining(repository + "@release")
        .hasMessageContaining("'release'").hasMessageContaining("branches: main");
    assertThat(wrong.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.fix()).contains("'reference'");
    });
  }

  @Test
  void doctorFindsTheRepositoryAndItsReference() throws Exception {
    user.commitFile("flow.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    assertThat(block(fields().put("reference", "main")).checks()).containsExactly(
        Check.ok("github " + repository + "@main", "repository reachable, reference 'main' found"));
  }

  @Test
  void doctorTellsAMissingRepositoryFromTheFieldThatMendsIt() {
    GitHubBlock missing = block(Json.object().put("repository", scratch.resolve("gone.git").toUri().toString()));
    assertThat(missing.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.finding()).startsWith("there is no repository there");
      assertThat(check.fix()).contains("'repository'");
    });
  }

  @Test
  void anSshUrlWithoutAnSshClientSaysHowToGetOne() {
    Assumptions.assumeTrue(System.getenv("GIT_SSH") == null, "GIT_SSH is set: JGit runs that ssh command");
    assertThat(block(Json.object().put("repository", "ssh://git@127.0.0.1:1/o/r.git")).checks()).singleElement()
        .satisfies(check -> {
          assertThat(check.finding()).contains("no ssh client");
          assertThat(check.fix()).contains("https", "GIT_SSH");
        });
  }

  @Test
  void aTokenWithAUrlOtherThanHttpsIsRefusedNamingTheField() {
    for (String url : new String[] {repository, "git://example.com/o/r.git", "git@github.com:o/r.git",
        "http://example.com/o/r.git"}) {
      assertThatThrownBy(() -> block(Json.object().put("repository", url).put("access_token", "ghp_s3cret")))
          .isInstanceOf(StorageException.class).hasMessageContaining("'access_token'").hasMessageContaining("https")
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void aMissingOrForeignRepositoryIsRefusedNamingTheField() {
    assertThatThrownBy(() -> block(Json.object())).hasMessageContaining("'github'").hasMessageContaining("'repository'");
    assertThatThrownBy(() -> block(Json.object().put("repository", "/srv/git/repository.git")))
        .hasMessageContaining("'repository'").hasMessageContaining("file:///");
    assertThatThrownBy(() -> block(Json.object().put("repository", "ftp://example.com/r.git")))
        .hasMessageContaining("'repository'");
  }

  @Test
  void urlShowsTheReferenceAndThePathButNoCredentials() {
    GitHubBlock block = block(Json.object().put("repository", "https://someone:pw@github.com/o/r.git")
        .put("reference", "v1.2").put("access_token", "ghp_s3cret"));
    assertThat(block.url("flows/etl/")).isEqualTo("https://github.com/o/r.git@v1.2/flows/etl");
    assertThat(block.url("")).isEqualTo("https://github.com/o/r.git@v1.2");
    assertThat(block(Json.object().put("repository", "git@github.com:o/r.git")).url("flows"))
        .isEqualTo("git@github.com:o/r.git/flows");
  }

  @Test
  void putDirectorySaysTheBlockIsReadOnlyAndHowToPush() {
    assertThatThrownBy(() -> block(fields()).putDirectory(scratch, "flows", IgnoreRules.none(), Progress.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining("read-only")
        .hasMessageContaining("git push").hasMessageContaining(repository + "/flows");
  }

  @Test
  void aServerThatAsksForCredentialsIsMendedWithTheAccessToken() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
    });
    server.start();
    try {
      GitHubBlock block = block(Json.object().put("repository",
          "http://127.0.0.1:" + server.getAddress().getPort() + "/o/private.git"));
      assertThat(block.checks()).singleElement().satisfies(check -> {
        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.finding()).startsWith("the repository asks for credentials");
        assertThat(check.fix()).contains("'access_token'");
      });
      assertThatThrownBy(() -> block.getDirectory("", scratch.resolve("run"), CodeCache.NONE))
          .hasMessageContaining(block.url("")).hasMessageContaining("'access_token'");
    } finally {
      server.stop(0);
    }
  }
}
