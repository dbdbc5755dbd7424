package dev.ferry.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.json.Json;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.Progress;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlockContract;
import dev.ferry.storage.StorageBlocks;
import dev.ferry.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalFileSystemTest extends StorageBlockContract {
  private Path base;

  @Override
  protected StorageBlock newStorage(Path scratch) throws Exception {
    base = Files.createDirectories(scratch.resolve("store"));
    return StorageBlocks.create("local-file-system", Json.object().put("basepath", base.toString()));
  }

  @Override
  protected void putRawObject(String key, byte[] content) throws Exception {
    Files.write(base.resolve(key), content);
  }

  @Override
  protected void plantEscapingEntry(String path) throws Exception {
    Path outside = Files.writeString(Files.createDirectories(scratch.resolve("elsewhere")).resolve("secret"), "s3cret");
    Files.createSymbolicLink(base.resolve(path).resolve("escaped.txt"), outside);
  }

  @Override
  protected StorageBlock unreachableStorage(Path scratch) {
    return StorageBlocks.create("local-file-system", Json.object().put("basepath", scratch.resolve("gone").toString()));
  }

  @Test
  void blockWithoutBasepathNamesTheMissingField() {
    assertThatThrownBy(() -> StorageBlocks.create("local-file-system", Json.object()))
        .isInstanceOf(StorageException.class).hasMessageContaining("'basepath'");
  }

  @Test
  void unknownBlockTypeListsTheSupportedOnes() {
    assertThatThrownBy(() -> StorageBlocks.create("ftp", Json.object()))
        .hasMessageContaining("'ftp'").hasMessageContaining("local-file-system");
  }

  @Test
  void symlinkOutOfTheProjectIsNotCopied() throws Exception {
    Path project = Files.createDirectories(scratch.resolve("linked"));
    Path secret = Files.writeString(scratch.resolve("secret.txt"), "s3cret");
    Files.createSymbolicLink(project.resolve("leak.txt"), secret);
    StorageBlock storage = newStorage(scratch);
    assertThatThrownBy(() -> storage.putDirectory(project, "p", IgnoreRules.none(), Progress.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining("points outside");
  }

  @Test
  void symlinkToAFolderInsideTheProjectIsCopiedAsThatFolder() throws Exception {
    Path project = Files.createDirectories(scratch.resolve("linked/shared"));
    Files.writeString(project.resolve("util.py"), "X = 1\n");
    Files.createSymbolicLink(project.resolveSibling("alias"), Path.of("shared"));
    StorageBlock storage = newStorage(scratch);
    storage.putDirectory(project.getParent(), "p", IgnoreRules.none(), Progress.NONE);

    Path download = scratch.resolve("download");
    storage.getDirectory("p", download, dev.ferry.storage.CodeCache.NONE);
    assertThat(download.resolve("alias/util.py")).hasContent("X = 1");
    assertThat(download.resolve("shared/util.py")).hasContent("X = 1");
  }

  @Test
  void copyIntoAFolderInsideTheSourceLeavesThatFolderOut() throws Exception {
    Path project = Files.createDirectories(scratch.resolve("home"));
    Files.writeString(project.resolve("flow.py"), "x");
    Path inside = project.resolve("runs/run-1");

    int copied = dev.ferry.storage.LocalTree.copy(project, inside, IgnoreRules.none()).files();

    assertThat(copied).isEqualTo(1);
    assertThat(inside.resolve("flow.py")).exists();
    assertThat(inside.resolve("runs")).doesNotExist();
  }

  @Test
  void defaultIgnoreFileLeavesOutCachesAndVirtualEnvironments() throws Exception {
    Path project = Files.createDirectories(scratch.resolve("defaults"));
    assertThat(IgnoreRules.writeDefaultIfMissing(project)).isTrue();
    assertThat(IgnoreRules.writeDefaultIfMissing(project)).as("an existing file is kept").isFalse();
    IgnoreRules rules = IgnoreRules.load(project);
    assertThat(rules.ignored(".venv", true)).isTrue();
    assertThat(rules.ignored("pkg/__pycache__", true)).isTrue();
    assertThat(rules.ignored("flows/etl.py", false)).isFalse();
  }
}
