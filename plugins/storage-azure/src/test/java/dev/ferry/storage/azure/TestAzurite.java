package dev.ferry.storage.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite's Blob service for integration tests. .ci/azurite starts one and exports its URL as
 * {@code FERRY_TEST_AZURITE_BLOB_URL} (e.g. {@code http://127.0.0.1:10000/devstoreaccount1});
 * without it the Azure tests are skipped with a message, or fail when {@code CI=true}.
 */
public final class TestAzurite {
  static final String BLOB_URL = "FERRY_TEST_AZURITE_BLOB_URL";
  /** Azurite's development account and its published key. */
  static final String ACCOUNT = "devstoreaccount1";
  public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private TestAzurite() {}

  /** The Blob service URL of the development account. */
  static String blobUrl() {
    String url = System.getenv(BLOB_URL);
    if (url == null || url.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(BLOB_URL + " is not set under CI=true: .ci/run must source .ci/azurite");
      }
      Assumptions.abort("Azure tests skipped: start Azurite's Blob service and set " + BLOB_URL
          + " to its account URL, as .ci/azurite does (source it in a shell)");
    }
    return url;
  }

  /** A connection string for the development account with {@code key}. */
  public static String connectionString(String key) {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + key + ";BlobEndpoint="
        + blobUrl() + ";";
  }

  /** A plain SDK client, to write into the store as another tool would. */
  public static BlobServiceClient client() {
    return new BlobServiceClientBuilder().connectionString(connectionString(KEY)).buildClient();
  }
}
