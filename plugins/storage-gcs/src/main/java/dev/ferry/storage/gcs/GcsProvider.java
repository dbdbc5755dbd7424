package dev.ferry.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageProvider;

/** The gcs plugin: the {@code gcs} block, and {@code gs://} and {@code gcs://} on {@code remote-file-system}. */
public final class GcsProvider implements StorageProvider {
  @Override
  public StorageBlock fromBlock(ObjectNode data) {
    return GcsBlock.fromBlock(data);
  }

  @Override
  public ObjectStore remoteFileSystem(String basepath, JsonNode settings) {
    return GcsRemoteFileSystem.open(basepath, settings, System.getenv());
  }
}
