package dev.ferry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.doctor.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every storage block promises, against a real store. Each implementation's test extends this
 * and supplies the block, and ways to write into its store as another tool would.
 */
public abstract class StorageBlockContract {
  @TempDir protected Path scratch;
  private Path project;
  private StorageBlock storage;

  /** A storage block backed by an empty store of its own; {@code scratch} is a folder the test may use. */
  protected abstract StorageBlock newStorage(Path scratch) throws Exception;

  /** A storage block whose store cannot be reached from here: a folder or bucket that does not exist. */
  protected abstract StorageBlock unreachableStorage(Path scratch) throws Exception;

  /** Writes an object into the store of the last {@link #newStorage} as another tool (Prefect's CLI) would. */
  protected abstract void putRawObject(String key, byte[] content) throws Exception;

  /**
   * Puts under {@code path}, in the store of the last {@link #newStorage}, an entry named
   * {@code escaped.txt} that would land outside a download's folder: a key with '..', a symlink out.
   */
  protected abstract void plantEscapingEntry(String path) throws Exception;

  /** The same store as {@link #newStorage} with credentials it refuses; null where a store has none. */
  protected StorageBlock storageWithWrongCredentials() throws Exception {
    return null;
  }

  /** Puts a project into the store under {@code path}; a read-only block's test pushes it the way users do. */
  protected Transfer upload(StorageBlock block, Path dir, String path, IgnoreRules ignore) throws Exception {
    return block.putDirectory(dir, path, ignore, Progress.NONE);
  }

  /**
   * Where a download of {@code path} into {@code dir} puts the project's files: {@code dir} itself,
   * or {@code dir/path} for a block that keeps the path (github, as Prefect's does).
   */
  protected Path codeIn(Path dir, String path) {
    return dir;
  }

  /** Whether the store can hold an empty project; git cannot hold an empty folder. */
  protected boolean holdsEmptyProjects() {
    return true;
  }

  /** Whether downloads go through the agent's code cache. */
  protected boolean cachesCode() {
    return true;
  }

  @BeforeEach
  void setUp() throws Exception {
    project = Files.createDirectories(scratch.resolve("project"));
    Files.writeString(project.resolve("flow.py"), "print('hi')\n");
    Files.createDirectories(project.resolve("pkg/sub"));
    Files.writeString(project.resolve("pkg/sub/util.py"), "X = 1\n");
    Files.createDirectories(project.resolve("__pycache__"));
    Files.writeString(project.resolve("__pycache__/flow.cpython-311.pyc"), "compiled junk");
    Files.writeString(project.resolve("notes.log"), "junk");
    storage = newStorage(scratch);
  }

  private Transfer download(String path, Path dir, CodeCache cache) {
    return storage.getDirectory(path, dir, cache);
  }

  @Test
  void uploadedProjectDownloadsWithTheSameFilesMinusIgnoredOnes() throws Exception {
    Transfer uploaded = upload(storage, project, "flows/v1", IgnoreRules.parse("__pycache__/\n*.log\n"));
    Path download = scratch.resolve("download");
    download("flows/v1", download, CodeCache.NONE);
    Path code = codeIn(download, "flows/v1");

    assertThat(uploaded.files()).isEqualTo(2);
    assertThat(code.resolve("flow.py")).hasContent("print('hi')");
    assertThat(code.resolve("pkg/sub/util.py")).hasContent("X = 1");
    assertThat(code.resolve("__pycache__")).doesNotExist();
    assertThat(code.resolve("notes.log")).doesNotExist();
  }

  @Test
  void negatedIgnorePatternKeepsAFileItsFolderPatternWouldDrop() throws Exception {
    Files.writeString(project.resolve("keep.log"), "kept");
    upload(storage, project, "flows", IgnoreRules.parse("*.log\n!keep.log\n__pycache__/\n"));
    Path download = scratch.resolve("download");
    download("flows", download, CodeCache.NONE);

    assertThat(codeIn(download, "flows").resolve("keep.log")).hasContent("kept");
    assertThat(codeIn(download, "flows").resolve("notes.log")).doesNotExist();
  }

  @Test
  void emptyPathMeansTheBlocksBase() throws Exception {
    upload(storage, project, "", IgnoreRules.none());
    Path download = scratch.resolve("download");
    download("", download, CodeCache.NONE);
    assertThat(download.resolve("flow.py")).exists();
  }

  @Test
  void aSecondUploadReplacesWhatTheFirstPut() throws Exception {
    upload(storage, project, "flows", IgnoreRules.none());
    Files.writeString(project.resolve("flow.py"), "print('v2')\n");
    upload(storage, project, "flows", IgnoreRules.none());

    Path download = scratch.resolve("download");
    download("flows", download, CodeCache.NONE);
    assertThat(codeIn(download, "flows").resolve("flow.py")).hasContent("print('v2')");
  }

  @Test
  void nestedFoldersAndUnicodeNamesArriveAsTheyWere() throws Exception {
    Path deep = Files.createDirectories(project.resolve("données/été 2026/ü"));
    Files.writeString(deep.resolve("naïve flow.py"), "print('ça marche')\n");
    upload(storage, project, "flows", IgnoreRules.none());

    Path download = scratch.resolve("download");
    download("flows", download, CodeCache.NONE);
    assertThat(codeIn(download, "flows").resolve("données/été 2026/ü/naïve flow.py")).hasContent("print('ça marche')");
  }

  @Test
  void largeFileArrivesWhole() throws Exception {
    byte[] large = new byte[24 * 1024 * 1024 + 7];
    new Random(42).nextBytes(large);
    Files.write(project.resolve("model.bin"), large);
    upload(storage, project, "flows", IgnoreRules.none());

    Path download = scratch.resolve("download");
    download("flows", download, CodeCache.NONE);
    assertThat(codeIn(download, "flows").resolve("model.bin")).hasBinaryContent(large);
  }

  @Test
  void emptyProjectDownloadsAsAnEmptyFolder() throws Exception {
    Assumptions.assumeTrue(holdsEmptyProjects(), "this store cannot hold an empty project");
    Path empty = Files.createDirectories(scratch.resolve("empty/only-a-folder"));
    upload(storage, empty.getParent(), "nothing", IgnoreRules.none());
    Path download = scratch.resolve("download");

    assertThat(download("nothing", download, CodeCache.NONE).files()).isZero();
    assertThat(download).isEmptyDirectory();
  }

  @Test
  void unchangedCodeComesFromTheCacheAndAChangedFileAloneFromTheStore() throws Exception {
    Assumptions.assumeTrue(cachesCode(), "this block clones; it does not use the code cache");
    CodeCache cache = new CodeCache(scratch.resolve("cache"), CodeCache.DEFAULT_MAX_BYTES);
    upload(storage, project, "flows", IgnoreRules.none());

    assertThat(download("flows", scratch.resolve("run-1"), cache).fromCache()).isZero();
    assertThat(download("flows", scratch.resolve("run-2"), cache).fromCache()).isEqualTo(4);

    Files.writeString(project.resolve("flow.py"), "print('changed')\n");
    upload(storage, project, "flows", IgnoreRules.none());
    Transfer third = download("flows", scratch.resolve("run-3"), cache);
    assertThat(third.fromCache()).isEqualTo(3);
    assertThat(scratch.resolve("run-3/flow.py")).hasContent("print('changed')");
  }

  @Test
  void aRunThatWritesIntoItsCodeDoesNotChangeTheNextRunsCode() throws Exception {
    Assumptions.assumeTrue(cachesCode(), "this block clones; it does not use the code cache");
    CodeCache cache = new CodeCache(scratch.resolve("cache"), CodeCache.DEFAULT_MAX_BYTES);
    upload(storage, project, "flows", IgnoreRules.none());
    download("flows", scratch.resolve("run-1"), cache);
    Files.writeString(scratch.resolve("run-1/flow.py"), "print('scribbled on')\n");

    download("flows", scratch.resolve("run-2"), cache);
    assertThat(scratch.resolve("run-2/flow.py")).hasContent("print('hi')");
  }

  @Test
  void codeWrittenOverFerrysUploadByAnotherToolIsWhatDownloads() throws Exception {
    CodeCache cache = new CodeCache(scratch.resolve("cache"), CodeCache.DEFAULT_MAX_BYTES);
    upload(storage, project, "flows", IgnoreRules.none());
    download("flows", scratch.resolve("run-1"), cache);

    putRawObject("flows/flow.py", "print('from prefect')\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    putRawObject("flows/added.py", "Y = 2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    download("flows", scratch.resolve("run-2"), cache);

    assertThat(codeIn(scratch.resolve("run-2"), "flows").resolve("flow.py")).hasContent("print('from prefect')");
    assertThat(codeIn(scratch.resolve("run-2"), "flows").resolve("added.py")).hasContent("Y = 2");
  }

  @Test
  void pathThatClimbsOutOfTheBaseIsRefused() {
    assertThatThrownBy(() -> upload(storage, project, "../../escape", IgnoreRules.none()))
        .isInstanceOf(StorageException.class).hasMessageContaining("outside");
  }

  @Test
  void anEntryThatWouldLandOutsideTheDownloadIsRefusedAndNothingIsWrittenThere() throws Exception {
    upload(storage, project, "flows", IgnoreRules.none());
    plantEscapingEntry("flows");
    Path runs = Files.createDirectories(scratch.resolve("runs"));

    assertThatThrownBy(() -> download("flows", runs.resolve("run"), CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining("outside");
    try (var written = Files.walk(runs)) {
      assertThat(written.filter(file -> file.getFileName().toString().equals("escaped.txt"))).isEmpty();
    }
  }

  @Test
  void downloadOfAMissingPathFailsAndNamesIt() {
    assertThatThrownBy(() -> download("no/such/path", scratch.resolve("download"), CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining("no/such/path");
  }

  @Test
  void wrongCredentialsGiveAnErrorThatNamesTheStore() throws Exception {
    StorageBlock refused = storageWithWrongCredentials();
    Assumptions.assumeTrue(refused != null, "this store has no credentials");
    upload(storage, project, "flows", IgnoreRules.none());

    assertThatThrownBy(() -> refused.getDirectory("flows", scratch.resolve("download"), CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining(refused.url("flows"));
    assertThat(refused.checks()).anySatisfy(check -> assertThat(check.status()).isEqualTo(Check.Status.FAILED));
  }

  @Test
  void doctorFindsAReachableStoreReady() throws Exception {
    upload(storage, project, "flows", IgnoreRules.none());
    assertThat(storage.checks()).isNotEmpty()
        .allSatisfy(check -> assertThat(check.status()).isEqualTo(Check.Status.OK));
  }

  @Test
  void doctorSaysWhatIsWrongWithAnUnreachableStoreAndHowToMendIt() throws Exception {
    assertThat(unreachableStorage(scratch).checks()).anySatisfy(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.fix()).isNotBlank();
    });
  }
}
