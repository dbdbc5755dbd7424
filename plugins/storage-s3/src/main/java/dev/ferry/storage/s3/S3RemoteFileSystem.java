package dev.ferry.storage.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.storage.ObjectStore;
import java.util.Map;

/**
 * The S3 side of Prefect's {@code remote-file-system} block: a {@code basepath} of
 * {@code s3://bucket/folder}, signed in with the s3fs {@code settings} {@code key}, {@code secret},
 * {@code client_kwargs.endpoint_url} and {@code client_kwargs.region_name}.
 */
final class S3RemoteFileSystem {
  private static final S3FieldNames FIELDS = new S3FieldNames("remote-file-system", "basepath", "settings.key",
      "settings.secret", "settings.client_kwargs.endpoint_url");

  private S3RemoteFileSystem() {}

  /**
   * The store at {@code basepath} with {@code settings} (null for none), in a process whose environment
   * is {@code env}.
   */
  static ObjectStore open(String basepath, JsonNode settings, Map<String, String> env) {
    JsonNode given = settings == null ? Json.object() : settings;
    JsonNode client = given.path("client_kwargs");
    return S3Store.open(S3Location.fromBucketPath(basepath.substring("s3://".length()), text(client, "endpoint_url"),
        text(client, "region_name"), text(given, "key"), text(given, "secret")), FIELDS, env);
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
