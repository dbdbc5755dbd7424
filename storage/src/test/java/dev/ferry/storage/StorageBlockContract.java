package dev.ferry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.doctor.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every storage block promises. Each implementation's test extends this and supplies the block. */
public abstract class StorageBlockContract {
  @TempDir protected Path scratch;
  private Path project;
  private StorageBlock storage;

  /** A storage block backed by an empty store; {@code scratch} is a folder the test may use. */
  protected abstract StorageBlock newStorage(Path scratch) throws Exception;

  /** A storage block whose store cannot be reached from here: a folder or bucket that does not exist. */
  protected abstract StorageBlock unreachableStorage(Path scratch) throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    project = Files.createDirectories(scratch.resolve("project"));
    Files.writeString(project.resolve("flow.py"), "print('hi')\n");
    Files.createDirectories(project.resolve("pkg/sub"));
    Files.writeString(project.resolve("pkg/sub/util.py"), "X = 1\n");
    Files.createDirectories(project.resolve("__pycache__"));
    Files.writeString(project.resolve("__pycache__/flow.cpython-311.pyc"), "junk");
    Files.writeString(project.resolve("notes.log"), "junk");
    storage = newStorage(scratch);
  }

  @Test
  void uploadedProjectDownloadsWithTheSameFilesMinusIgnoredOnes() throws Exception {
    int uploaded = storage.putDirectory(project, "flows/v1", IgnoreRules.parse("__pycache__/\n*.log\n"));
    Path download = scratch.resolve("download");
    storage.getDirectory("flows/v1", download);

    assertThat(uploaded).isEqualTo(2);
    assertThat(download.resolve("flow.py")).hasContent("print('hi')");
    assertThat(download.resolve("pkg/sub/util.py")).hasContent("X = 1");
    assertThat(download.resolve("__pycache__")).doesNotExist();
    assertThat(download.resolve("notes.log")).doesNotExist();
  }

  @Test
  void emptyPathMeansTheBlocksBase() {
    storage.putDirectory(project, "", IgnoreRules.none());
    Path download = scratch.resolve("download");
    storage.getDirectory("", download);
    assertThat(download.resolve("flow.py")).exists();
  }

  @Test
  void pathThatClimbsOutOfTheBaseIsRefused() {
    assertThatThrownBy(() -> storage.putDirectory(project, "../../escape", IgnoreRules.none()))
        .isInstanceOf(StorageException.class).hasMessageContaining("outside");
  }

  @Test
  void downloadOfAMissingPathFailsAndNamesIt() {
    assertThatThrownBy(() -> storage.getDirectory("no/such/path", scratch.resolve("download")))
        .isInstanceOf(StorageException.class).hasMessageContaining("no/such/path");
  }

  @Test
  void doctorFindsAReachableStoreReady() {
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
