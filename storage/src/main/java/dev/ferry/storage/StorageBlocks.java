package dev.ferry.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.storage.github.GitHubBlock;
import dev.ferry.storage.local.LocalFileSystem;
import dev.ferry.storage.remote.RemoteFileSystemBlock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registry of storage block types: a Prefect block type slug to the implementation that serves
 * it. Each entry is a lambda, so an implementation's class loads only when a block of its type is
 * first built, and a cloud provider's SDK, which comes in a plugin, only then too.
 */
public final class StorageBlocks {
  private static final Map<String, Function<ObjectNode, StorageBlock>> FACTORIES = new TreeMap<>(Map.of(
      "local-file-system", data -> LocalFileSystem.fromBlock(data),
      "azure", data -> StoragePlugin.AZURE.provider().fromBlock(data),
      "gcs", data -> StoragePlugin.GCS.provider().fromBlock(data),
      "github", data -> GitHubBlock.fromBlock(data),
      "remote-file-system", data -> RemoteFileSystemBlock.fromBlock(data),
      "s3", data -> StoragePlugin.S3.provider().fromBlock(data)));

  private StorageBlocks() {}

  /** Builds the storage block of a type from its document data; an unknown type lists the supported ones. */
  public static StorageBlock create(String slug, ObjectNode data) {
    Function<ObjectNode, StorageBlock> factory = FACTORIES.get(slug);
    if (factory == null) {
      throw new StorageException("No storage can be found for block type '" + slug + "'. Supported types are: "
          + String.join(", ", FACTORIES.keySet()));
    }
    return factory.apply(data);
  }
}
