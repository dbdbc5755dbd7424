package dev.ferry.storage.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageProvider;

/**
 * The azure plugin: the {@code azure} block, and {@code az://}, {@code abfs://} and {@code abfss://} on
 * {@code remote-file-system}.
 */
public final class AzureProvider implements StorageProvider {
  @Override
  public StorageBlock fromBlock(ObjectNode data) {
    return AzureBlock.fromBlock(data);
  }

  @Override
  public ObjectStore remoteFileSystem(String basepath, JsonNode settings) {
    return AzureObjectStore.open(AzureRemoteFileSystem.location(basepath, settings));
  }
}
