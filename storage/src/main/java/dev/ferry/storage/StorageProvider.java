package dev.ferry.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a storage plugin ({@link StoragePlugin}) offers: the block type it serves, and the URL schemes
 * of the {@code remote-file-system} block it reaches, through its provider's SDK. Made with its
 * no-argument constructor.
 */
public interface StorageProvider {
  /** The block of the plugin's type, from the block document's data. */
  StorageBlock fromBlock(ObjectNode data);

  /**
   * The store at a {@code remote-file-system} {@code basepath} of one of the plugin's schemes, signed in
   * with fsspec's {@code settings} (null for none).
   */
  ObjectStore remoteFileSystem(String basepath, JsonNode settings);
}
