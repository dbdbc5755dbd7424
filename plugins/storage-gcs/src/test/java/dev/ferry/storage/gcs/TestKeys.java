package dev.ferry.storage.gcs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Service account keys made up for tests: well formed, known to no one. */
final class TestKeys {
  static final String CLIENT_EMAIL = "ferry-test@demo-ferry.iam.gserviceaccount.com";
  private static final String PRIVATE_KEY = pem();

  private TestKeys() {}

  /** A service account's JSON key whose tokens are asked of {@code tokenUri}. */
  static ObjectNode serviceAccount(String tokenUri) {
    return Json.object().put("type", "service_account").put("project_id", "demo-ferry")
        .put("private_key_id", "0123456789abcdef").put("private_key", PRIVATE_KEY).put("client_email", CLIENT_EMAIL)
        .put("client_id", "100000000000000000001").put("token_uri", tokenUri);
  }

  private static String pem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      String body = Base64.getMimeEncoder(64, "\n".getBytes())
          .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
      return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
