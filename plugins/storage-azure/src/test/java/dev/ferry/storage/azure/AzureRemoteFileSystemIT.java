package dev.ferry.storage.azure;

import dev.ferry.json.Json;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlocks;
import java.util.Map;

/**
 * The {@code remote-file-system} block on an {@code az://} basepath, with adlfs's
 * {@code connection_string} setting, held to everything the azure block is held to, on Azurite.
 */
class AzureRemoteFileSystemIT extends AzureStorageIT {
  @Override
  StorageBlock storageOn(String bucketPath, String key) {
    return StorageBlocks.create("remote-file-system", Json.object().put("basepath", "az://" + bucketPath)
        .set("settings", Json.toTree(Map.of("connection_string", TestAzurite.connectionString(key)))));
  }

  @Override
  String containerField() {
    return "'basepath'";
  }
}
