package dev.ferry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.StorageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an s3 block's fields become a location, and the errors that name the field to mend. */
class S3BlockTest {
  private static void refused(ObjectNode data, Map<String, String> environment, String... mentions) {
    assertThatThrownBy(() -> S3Block.fromBlock(data, environment)).isInstanceOf(StorageException.class)
        .hasMessageContaining("Block type 's3'").hasMessageContainingAll(mentions);
  }

  @Test
  void missingBucketPathNamesTheField() {
    refused(Json.object(), Map.of(), "'bucket_path'");
    refused(Json.object().put("bucket_path", " / "), Map.of(), "'bucket_path'");
  }

  @Test
  void bucketPathWithAnS3SchemeSaysHowToWriteIt() {
    refused(Json.object().put("bucket_path", "s3://code/flows"), Map.of(), "'bucket_path'", "'code/flows'");
  }

  @Test
  void bucketThatIsNoBucketNameNamesTheField() {
    refused(Json.object().put("bucket_path", "my bucket/flows"), Map.of(), "'bucket_path'", "'my bucket'");
  }

  @Test
  void oneKeyWithoutTheOtherNamesBothAndNeverTheSecret() {
    refused(Json.object().put("bucket_path", "code").put("aws_secret_access_key", "hush-hush"), Map.of(),
        "aws_access_key_id / aws_secret_access_key");
    assertThatThrownBy(() -> S3Block.fromBlock(Json.object().put("bucket_path", "code")
        .put("aws_secret_access_key", "hush-hush"), Map.of())).message().doesNotContain("hush-hush");
  }

  @Test
  void fieldThatIsNotTextIsNamed() {
    ObjectNode data = Json.object().put("bucket_path", "code");
    data.putObject("region_name").put("name", "eu-west-1");
    refused(data, Map.of(), "'region_name'");
  }

  @Test
  void endpointThatIsNoUrlNamesWhereItCameFrom() {
    refused(Json.object().put("bucket_path", "code").put("endpoint_url", "minio:9000"), Map.of(),
        "field 'endpoint_url'", "'minio:9000'");
    refused(Json.object().put("bucket_path", "code"), Map.of("AWS_ENDPOINT_URL_S3", "not a url"),
        "environment variable AWS_ENDPOINT_URL_S3");
  }

  @Test
  void bucketPathSplitsIntoBucketAndPrefixAndUrlsNameTheObject() {
    S3Location location = S3Location.fromBucketPath("code/team/flows/", "", "", "", "");

    assertThat(location.bucket()).isEqualTo("code");
    assertThat(location.prefix()).isEqualTo("team/flows");
    assertThat(location.url("")).isEqualTo("s3://code/team/flows");
    assertThat(location.url("etl/pkg/a.py")).isEqualTo("s3://code/team/flows/etl/pkg/a.py");
    assertThat(S3Location.fromBucketPath("code", "", "", "", "").url("a.py")).isEqualTo("s3://code/a.py");
  }

  @Test
  void locationNeverPrintsItsSecret() {
    S3Location location = new S3Location("code", "", "http://127.0.0.1:9000", "", "id", "hush-hush");
    assertThat(location.toString()).contains("s3://code", "127.0.0.1:9000").doesNotContain("hush-hush");
  }
}
