package dev.ferry.storage.s3;

import static dev.ferry.storage.s3.EmbeddedS3Proxy.ACCESS_KEY_ID;
import static dev.ferry.storage.s3.EmbeddedS3Proxy.SECRET_ACCESS_KEY;
import static dev.ferry.storage.s3.EmbeddedS3Proxy.fields;
import static dev.ferry.storage.s3.EmbeddedS3Proxy.refusingEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import dev.ferry.storage.SharedClients;
import dev.ferry.storage.StorageBlock;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where an s3 block's requests go (its field, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL), whose
 * credentials they carry, and what {@code ferry doctor} says when the bucket or endpoint is not there.
 */
class S3EndpointsAndChecksIT {
  private static EmbeddedS3Proxy s3;
  private String bucket;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    s3 = EmbeddedS3Proxy.shared();
  }


  @BeforeEach
  void newBucket() {
    bucket = s3.newBucket();
  }

  @Test
  void endpointComesFromAwsEndpointUrlS3WhenTheFieldIsEmpty() {
    StorageBlock storage = S3Block.fromBlock(fields(bucket, SECRET_ACCESS_KEY), Map.of(
        "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(), "AWS_ENDPOINT_URL", refusingEndpoint()));

    assertThat(storage.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.OK);
      assertThat(check.finding()).contains(s3.endpoint().toString(), "AWS_ENDPOINT_URL_S3");
    });
  }

  @Test
  void endpointComesFromAwsEndpointUrlWithoutAnS3OneAndNeedsNoRegion() {
    ObjectNode fields = fields(bucket, SECRET_ACCESS_KEY);
    fields.remove("region_name");
    StorageBlock storage = S3Block.fromBlock(fields, Map.of("AWS_ENDPOINT_URL", s3.endpoint().toString()));

    assertThat(storage.checks()).allSatisfy(check -> assertThat(check.status()).isEqualTo(Check.Status.OK));
  }

  @Test
  void endpointFieldWinsOverTheEnvironment() {
    StorageBlock storage = S3Block.fromBlock(fields(bucket, SECRET_ACCESS_KEY)
        .put("endpoint_url", s3.endpoint().toString()), Map.of("AWS_ENDPOINT_URL_S3", refusingEndpoint()));

    assertThat(storage.checks()).allSatisfy(check -> assertThat(check.status()).isEqualTo(Check.Status.OK));
  }

  @Test
  void doctorSaysTheBucketDoesNotExistAndWhichFieldNamesIt() {
    assertThat(s3.block("no-such-bucket/flows", SECRET_ACCESS_KEY).checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.finding()).contains("bucket 'no-such-bucket' does not exist");
      assertThat(check.fix()).contains("bucket_path");
    });
  }

  @Test
  void doctorSaysTheEndpointCannotBeReachedAndHowToSetIt() {
    String refusing = refusingEndpoint();
    StorageBlock storage = S3Block.fromBlock(fields(bucket, SECRET_ACCESS_KEY), Map.of("AWS_ENDPOINT_URL", refusing));

    assertThat(storage.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.finding()).contains("cannot reach " + refusing, "AWS_ENDPOINT_URL");
      assertThat(check.fix()).contains("endpoint_url", "AWS_ENDPOINT_URL_S3");
    });
  }

  @Test
  void emptyKeysUseTheDefaultCredentialChain() {
    ObjectNode fields = Json.object().put("bucket_path", bucket).put("endpoint_url", s3.endpoint().toString())
        .put("region_name", "us-east-1");
    System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
    System.setProperty("aws.secretAccessKey", SECRET_ACCESS_KEY);
    try {
      assertThat(S3Block.fromBlock(fields, Map.of()).checks()).singleElement().satisfies(check -> {
        assertThat(check.status()).isEqualTo(Check.Status.OK);
        assertThat(check.finding()).contains("default AWS credentials");
      });
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void doctorSaysWhenNeitherTheBlockNorThisMachineHasCredentials(@TempDir Path home) {
    Assumptions.assumeTrue(Stream.of("AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI").allMatch(
            variable -> System.getenv(variable) == null), "this machine has AWS credentials in its environment");
    ObjectNode fields = Json.object().put("bucket_path", bucket).put("endpoint_url", s3.endpoint().toString())
        .put("region_name", "us-east-1");
    SharedClients.closeAll();
    System.setProperty("aws.sharedCredentialsFile", home.resolve("credentials").toString());
    System.setProperty("aws.configFile", home.resolve("config").toString());
    try {
      assertThat(S3Block.fromBlock(fields, Map.of()).checks()).singleElement().satisfies(check -> {
        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.finding()).contains("this machine has no AWS credentials");
        assertThat(check.fix()).contains("aws_access_key_id", "AWS_ACCESS_KEY_ID");
      });
    } finally {
      SharedClients.closeAll();
      System.clearProperty("aws.sharedCredentialsFile");
      System.clearProperty("aws.configFile");
    }
  }
}
