package dev.ferry.storage.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.ObjectStorage;
import dev.ferry.storage.StorageException;
import dev.ferry.storage.StoragePlugin;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prefect's {@code remote-file-system} block: a {@code basepath} URL whose scheme names the store
 * ({@code s3://}, {@code gs://} or {@code gcs://}, {@code az://}, {@code abfs://} or {@code abfss://})
 * and the fsspec {@code settings} Prefect users already write for it. Each scheme opens the same
 * store as the block type that serves it ({@code s3}, {@code gcs}, {@code azure}), from that type's
 * plugin, which loads only when a block of its scheme is built.
 */
public final class RemoteFileSystemBlock {
  private static final Map<String, StoragePlugin> SCHEMES = new TreeMap<>(Map.of(
      "s3", StoragePlugin.S3,
      "gs", StoragePlugin.GCS,
      "gcs", StoragePlugin.GCS,
      "az", StoragePlugin.AZURE,
      "abfs", StoragePlugin.AZURE,
      "abfss", StoragePlugin.AZURE));

  /** The block document's fields. */
  record Fields(String basepath, JsonNode settings) {}

  private RemoteFileSystemBlock() {}

  public static ObjectStorage fromBlock(ObjectNode data) {
    Fields fields = Json.convert(data, Fields.class);
    String basepath = fields.basepath() == null ? "" : fields.basepath().strip();
    int colon = basepath.indexOf("://");
    String scheme = colon < 0 ? "" : basepath.substring(0, colon).toLowerCase(Locale.ROOT);
    StoragePlugin plugin = SCHEMES.get(scheme);
    if (plugin == null) {
      throw new StorageException("Block type 'remote-file-system': field 'basepath' ('" + basepath + "') has "
          + (scheme.isEmpty() ? "no scheme" : "scheme '" + scheme + "', which ferry cannot reach")
          + ". Supported schemes are: " + String.join(", ", SCHEMES.keySet())
          + " (a folder on the agent's disk is a local-file-system block)");
    }
    return new ObjectStorage(plugin.provider().remoteFileSystem(basepath, fields.settings()));
  }
}
