package dev.ferry.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.ferry.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A service account's JSON key read into credentials. What is wrong with a key is told by the names
 * of its fields alone: no part of the key's content ever reaches a message.
 */
final class ServiceAccountKey {
  private static final List<String> REQUIRED = List.of("client_email", "private_key");

  private ServiceAccountKey() {}

  /**
   * The credentials of {@code json}.
   *
   * @throws IllegalArgumentException saying what is wrong, for the caller to put beside where the key came from
   */
  static ServiceAccountCredentials parse(String json) {
    JsonNode key;
    try {
      key = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("is not JSON (a value of asterisks means the block was read without"
          + " its secrets)");
    }
    if (key == null || !key.isObject()) {
      throw new IllegalArgumentException("is JSON but not an object");
    }
    String type = key.path("type").asText("service_account");
    if (!type.equals("service_account")) {
      throw new IllegalArgumentException("is a key of type '" + type + "', not a service account's");
    }
    List<String> missing = REQUIRED.stream().filter(field -> key.path(field).asText("").isBlank()).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("lacks " + String.join(" and ", missing));
    }
    try {
      return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot be read as a service account key: its private_key is not a"
          + " PEM-encoded PKCS#8 key, or a field the SDK needs is missing");
    }
  }
}
