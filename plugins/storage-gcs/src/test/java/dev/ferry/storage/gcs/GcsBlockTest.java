package dev.ferry.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.StorageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building the gcs block from its document, and the location it and remote-file-system share. */
class GcsBlockTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void blockWithoutBucketPathNamesTheBlockTypeAndTheField() {
    assertThatThrownBy(() -> GcsBlock.fromBlock(Json.object(), NO_ENV))
        .isInstanceOf(StorageException.class).hasMessageContaining("'gcs'").hasMessageContaining("'bucket_path'");
  }

  @Test
  void bucketPathWithoutABucketNameNamesTheField() {
    assertThatThrownBy(() -> GcsBlock.fromBlock(Json.object().put("bucket_path", "My_Bucket/flows"), NO_ENV))
        .isInstanceOf(StorageException.class).hasMessageContaining("'gcs'").hasMessageContaining("'bucket_path'")
        .hasMessageContaining("'My_Bucket'");
  }

  @Test
  void serviceAccountInfoThatIsNotJsonNamesTheFieldAndNotItsContent() {
    ObjectNode data = Json.object().put("bucket_path", "bucket").put("service_account_info", "s3cr3t-not-json");

    assertThatThrownBy(() -> GcsBlock.fromBlock(data, NO_ENV)).isInstanceOf(StorageException.class)
        .hasMessageContaining("'gcs'").hasMessageContaining("'service_account_info'").hasMessageContaining("not JSON")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void serviceAccountInfoWithoutAPrivateKeyNamesWhatIsMissingAndNotTheRest() {
    ObjectNode key = TestKeys.serviceAccount("https://oauth2.googleapis.com/token");
    key.remove("private_key");
    ObjectNode data = Json.object().put("bucket_path", "bucket").put("service_account_info", key.toString());

    assertThatThrownBy(() -> GcsBlock.fromBlock(data, NO_ENV)).isInstanceOf(StorageException.class)
        .hasMessageContaining("'service_account_info'").hasMessageContaining("lacks private_key")
        .hasMessageNotContaining(TestKeys.CLIENT_EMAIL);
  }

  @Test
  void serviceAccountInfoIsTakenAsAStringOrAsAnObject() {
    ObjectNode key = TestKeys.serviceAccount("https://oauth2.googleapis.com/token");

    assertThat(GcsBlock.fromBlock(Json.object().put("bucket_path", "b-1/flows").put("service_account_info",
        key.toString()), NO_ENV).url("etl")).isEqualTo("gs://b-1/flows/etl");
    assertThat(GcsBlock.fromBlock(Json.object().put("bucket_path", "b-1").set("service_account_info", key), NO_ENV)
        .url("")).isEqualTo("gs://b-1");
  }

  @Test
  void bucketPathSplitsIntoBucketAndPrefixWithOrWithoutAScheme() {
    assertThat(GcsLocation.of("gs://bucket/some/prefix/", "p", null, NO_ENV))
        .isEqualTo(new GcsLocation("bucket", "some/prefix", "p", null, null));
    assertThat(GcsLocation.of("gcs://bucket", null, null, NO_ENV).url("a/b.py")).isEqualTo("gs://bucket/a/b.py");
    assertThat(GcsLocation.of("bucket/x", null, null, NO_ENV).url("")).isEqualTo("gs://bucket/x");
  }

  @Test
  void anEmulatorInTheEnvironmentIsTheEndpointAndNoCredentialsAreSent() {
    GcsLocation location = GcsLocation.of("bucket", null, "{\"type\":\"service_account\"}",
        Map.of(GcsLocation.EMULATOR_HOST, "127.0.0.1:9023"));

    assertThat(location.endpoint()).isEqualTo("http://127.0.0.1:9023");
    assertThat(location.serviceAccountJson()).isNull();
  }

  @Test
  void aLocationNeverShowsItsKey() {
    String key = TestKeys.serviceAccount("https://oauth2.googleapis.com/token").toString();
    assertThat(new GcsLocation("bucket", "p", null, key, null).toString())
        .isEqualTo("GcsLocation[gs://bucket/p with a service account key]");
  }
}
