package dev.ferry.storage.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageProvider;

/** The s3 plugin: the {@code s3} block, and {@code s3://} on {@code remote-file-system}. */
public final class S3Provider implements StorageProvider {
  @Override
  public StorageBlock fromBlock(ObjectNode data) {
    return S3Block.fromBlock(data);
  }

  @Override
  public ObjectStore remoteFileSystem(String basepath, JsonNode settings) {
    return S3RemoteFileSystem.open(basepath, settings, System.getenv());
  }
}
