package dev.ferry.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.storage.azure.AzureBlock;
import dev.ferry.storage.gcs.GcsBlock;
import dev.ferry.storage.github.GitHubBlock;
import dev.ferry.storage.local.LocalFileSystem;
import dev.ferry.storage.remote.RemoteFileSystemBlock;
import dev.ferry.storage.s3.S3Block;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registry of storage block types: a Prefect block type slug to the implementation that serves
 * it. Each entry is a lambda, so an implementation's class, and the SDK behind it, loads only when
 * a block of its type is first built.
 */
public final class StorageBlocks {
  private static final Map<String, Function<ObjectNode, StorageBlock>> FACTORIES = new TreeMap<>(Map.of(
      "local-file-system", data -> LocalFileSystem.fromBlock(data),
      "azure", data -> AzureBlock.fromBlock(data),
      "gcs", data -> GcsBlock.fromBlock(data),
      "github", data -> GitHubBlock.fromBlock(data),
      "remote-file-system", data -> RemoteFileSystemBlock.fromBlock(data),
      "s3", data -> S3Block.fromBlock(data)));

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
