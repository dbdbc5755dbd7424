package dev.ferry.storage.remote;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.json.Json;
import dev.ferry.storage.StorageException;
import org.junit.jupiter.api.Test;

class RemoteFileSystemBlockTest {
  @Test
  void aSchemeFerryCannotReachIsNamedWithTheSupportedOnes() {
    assertThatThrownBy(() -> RemoteFileSystemBlock.fromBlock(Json.object().put("basepath", "smb://nas/flows")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("'remote-file-system'").hasMessageContaining("'basepath'")
        .hasMessageContaining("scheme 'smb'").hasMessageContaining("abfs, abfss, az, gcs, gs, s3");
  }

  @Test
  void aBasepathWithoutSchemePointsToTheLocalBlock() {
    assertThatThrownBy(() -> RemoteFileSystemBlock.fromBlock(Json.object().put("basepath", "/srv/flows")))
        .isInstanceOf(StorageException.class).hasMessageContaining("no scheme")
        .hasMessageContaining("local-file-system");
  }
}
