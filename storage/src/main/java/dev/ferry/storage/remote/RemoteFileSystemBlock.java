package dev.ferry.storage.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.ObjectStorage;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageException;
import dev.ferry.storage.azure.AzureObjectStore;
import dev.ferry.storage.azure.AzureRemoteFileSystem;
import dev.ferry.storage.gcs.GcsLocation;
import dev.ferry.storage.gcs.GcsStore;
import dev.ferry.storage.s3.S3FieldNames;
import dev.ferry.storage.s3.S3Location;
import dev.ferry.storage.s3.S3Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prefect's {@code remote-file-system} block: a {@code basepath} URL whose scheme names the store
 * ({@code s3://}, {@code gs://} or {@code gcs://}, {@code az://}, {@code abfs://} or {@code abfss://})
 * and the fsspec {@code settings} Prefect users already write for it. Each scheme opens the same
 * store as the block type that serves it ({@code s3}, {@code gcs}, {@code azure}); the SDK behind a
 * scheme loads only when a block of that scheme is built.
 */
public final class RemoteFileSystemBlock {
  static final String TYPE = "remote-file-system";

  /** How a scheme's store is opened from the basepath, the settings and the process environment. */
  private interface Opener {
    ObjectStore open(String basepath, JsonNode settings, Map<String, String> env);
  }

  private static final Map<String, Opener> SCHEMES = new TreeMap<>(Map.of(
      "s3", RemoteFileSystemBlock::s3,
      "gs", RemoteFileSystemBlock::gcs,
      "gcs", RemoteFileSystemBlock::gcs,
      "az", (basepath, settings, env) -> AzureObjectStore.open(AzureRemoteFileSystem.location(basepath, settings)),
      "abfs", (basepath, settings, env) -> AzureObjectStore.open(AzureRemoteFileSystem.location(basepath, settings)),
      "abfss", (basepath, settings, env) -> AzureObjectStore.open(AzureRemoteFileSystem.location(basepath, settings))));

  private static final S3FieldNames S3_FIELDS = new S3FieldNames(TYPE, "basepath", "settings.key", "settings.secret",
      "settings.client_kwargs.endpoint_url");

  /** The block document's fields. */
  record Fields(String basepath, JsonNode settings) {}

  private RemoteFileSystemBlock() {}

  public static ObjectStorage fromBlock(ObjectNode data) {
    return fromBlock(data, System.getenv());
  }

  /** The block of {@code data} in a process whose environment is {@code env}. */
  static ObjectStorage fromBlock(ObjectNode data, Map<String, String> env) {
    Fields fields = Json.convert(data, Fields.class);
    String basepath = fields.basepath() == null ? "" : fields.basepath().strip();
    int colon = basepath.indexOf("://");
    String scheme = colon < 0 ? "" : basepath.substring(0, colon).toLowerCase(Locale.ROOT);
    Opener opener = SCHEMES.get(scheme);
    if (opener == null) {
      throw new StorageException("Block type '" + TYPE + "': field 'basepath' ('" + basepath + "') has "
          + (scheme.isEmpty() ? "no scheme" : "scheme '" + scheme + "', which ferry cannot reach")
          + ". Supported schemes are: " + String.join(", ", SCHEMES.keySet())
          + " (a folder on the agent's disk is a local-file-system block)");
    }
    return new ObjectStorage(opener.open(basepath, fields.settings(), env));
  }

  /** s3fs settings: {@code key}, {@code secret}, {@code client_kwargs.endpoint_url} and {@code client_kwargs.region_name}. */
  private static ObjectStore s3(String basepath, JsonNode settings, Map<String, String> env) {
    JsonNode given = settings == null ? Json.object() : settings;
    JsonNode client = given.path("client_kwargs");
    return S3Store.open(S3Location.fromBucketPath(basepath.substring("s3://".length()), text(client, "endpoint_url"),
        text(client, "region_name"), text(given, "key"), text(given, "secret")), S3_FIELDS, env);
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  /** gcsfs settings: {@code token} (a service account's key, or the path of its file) and {@code project}. */
  private static ObjectStore gcs(String basepath, JsonNode settings, Map<String, String> env) {
    JsonNode token = settings == null ? null : settings.get("token");
    String project = settings == null || !settings.hasNonNull("project") ? null : settings.get("project").asText();
    try {
      return GcsStore.open(GcsLocation.of(basepath, project, serviceAccountJson(token), env));
    } catch (IllegalArgumentException e) {
      throw new StorageException("Block type '" + TYPE + "' field 'basepath': " + e.getMessage());
    }
  }

  /** A key given inline (an object), by the path of its file, or none (Application Default Credentials). */
  private static String serviceAccountJson(JsonNode token) {
    if (token == null || token.isNull()) {
      return null;
    }
    if (token.isObject()) {
      return Json.write(token);
    }
    Path file = Path.of(token.asText());
    if (!Files.isRegularFile(file)) {
      return null; // gcsfs's words for a way to sign in ("google_default", "cloud"): the SDK's own chain
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new StorageException("Block type '" + TYPE + "' field 'settings.token': cannot read the key file "
          + file + " (" + e.getMessage() + ")", false, e);
    }
  }
}
