package dev.ferry.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The GCS side of Prefect's {@code remote-file-system} block: a {@code basepath} of
 * {@code gs://bucket/folder} or {@code gcs://bucket/folder}, signed in with the gcsfs
 * {@code settings} {@code token} (a service account's key, or the path of its file) and {@code project}.
 */
final class GcsRemoteFileSystem {
  private static final String TYPE = "remote-file-system";

  private GcsRemoteFileSystem() {}

  /**
   * The store at {@code basepath} with {@code settings} (null for none), in a process whose environment
   * is {@code env}.
   */
  static ObjectStore open(String basepath, JsonNode settings, Map<String, String> env) {
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
