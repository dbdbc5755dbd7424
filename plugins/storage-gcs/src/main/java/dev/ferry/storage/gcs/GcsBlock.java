package dev.ferry.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.ObjectStorage;
import dev.ferry.storage.StorageException;
import java.util.Map;

/**
 * Prefect's {@code gcs} block: code kept in a GCS bucket under {@code bucket_path}, read with the
 * service account key in {@code service_account_info}, or with Application Default Credentials
 * when it is empty. {@value GcsLocation#EMULATOR_HOST} in the environment sends it to an emulator.
 */
public final class GcsBlock {
  private static final String TYPE = "gcs";

  /** The block document's fields; {@code service_account_info} is the key as a string, or as an object. */
  record Fields(String bucketPath, JsonNode serviceAccountInfo, String project) {}

  private GcsBlock() {}

  public static ObjectStorage fromBlock(ObjectNode data) {
    return fromBlock(data, System.getenv());
  }

  /** The block of {@code data} in a process whose environment is {@code env}. */
  static ObjectStorage fromBlock(ObjectNode data, Map<String, String> env) {
    Fields fields = Json.convert(data, Fields.class);
    if (fields.bucketPath() == null || fields.bucketPath().isBlank()) {
      throw new StorageException("Block type '" + TYPE + "' needs field 'bucket_path': the bucket that holds the"
          + " code, or bucket/prefix");
    }
    String key = serviceAccountJson(fields.serviceAccountInfo());
    if (key != null) {
      try {
        ServiceAccountKey.parse(key);
      } catch (IllegalArgumentException e) {
        throw new StorageException("Block type '" + TYPE + "' field 'service_account_info' " + e.getMessage()
            + ": paste the whole JSON key file of a service account, or leave it empty to use Application Default"
            + " Credentials");
      }
    }
    try {
      return new ObjectStorage(GcsStore.open(GcsLocation.of(fields.bucketPath(), fields.project(), key, env)));
    } catch (IllegalArgumentException e) {
      throw new StorageException("Block type '" + TYPE + "' field 'bucket_path': " + e.getMessage());
    }
  }

  private static String serviceAccountJson(JsonNode info) {
    if (info == null || info.isNull()) {
      return null;
    }
    String json = info.isTextual() ? info.asText() : info.toString();
    return json.isBlank() ? null : json;
  }
}
