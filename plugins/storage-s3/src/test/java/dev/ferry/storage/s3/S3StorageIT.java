package dev.ferry.storage.s3;

import static dev.ferry.storage.s3.EmbeddedS3Proxy.ACCESS_KEY_ID;
import static dev.ferry.storage.s3.EmbeddedS3Proxy.SECRET_ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.doctor.Check;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.Progress;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlockContract;
import dev.ferry.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The s3 block against s3proxy: the contract, where objects go, listing, refused credentials. */
class S3StorageIT extends StorageBlockContract {
  private static final String PREFIX = "team/code";
  static EmbeddedS3Proxy s3;
  private String bucket;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    s3 = EmbeddedS3Proxy.shared();
  }


  @Override
  protected StorageBlock newStorage(Path scratch) {
    bucket = s3.newBucket();
    return storageOn(bucket + "/" + PREFIX, SECRET_ACCESS_KEY);
  }

  /** The block under test on {@code bucket/prefix}, signed with {@code secret}. */
  StorageBlock storageOn(String bucketPath, String secret) {
    return s3.block(bucketPath, secret);
  }

  /** The fields a refused key is mended in. */
  String credentialFields() {
    return "aws_access_key_id / aws_secret_access_key";
  }

  @Override
  protected StorageBlock unreachableStorage(Path scratch) {
    return storageOn("no-such-bucket/" + PREFIX, SECRET_ACCESS_KEY);
  }

  @Override
  protected StorageBlock storageWithWrongCredentials() {
    return storageOn(bucket + "/" + PREFIX, "not-the-secret");
  }

  @Override
  protected void putRawObject(String key, byte[] content) {
    s3.client().putObject(request -> request.bucket(bucket).key(PREFIX + "/" + key), RequestBody.fromBytes(content));
  }

  @Override
  protected void plantEscapingEntry(String path) {
    putRawObject(path + "/../escaped.txt", "outside".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void objectsAreWherePrefectsS3BlockPutsThem() throws Exception {
    Path project = Files.createDirectories(scratch.resolve("keys/pkg"));
    Files.writeString(project.resolve("a.py"), "A = 1\n");
    storageOn(bucket + "/" + PREFIX, SECRET_ACCESS_KEY).putDirectory(project.getParent(), "flows", IgnoreRules.none(),
        Progress.NONE);

    assertThat(s3.client().listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
        .map(S3Object::key)).contains(PREFIX + "/flows/pkg/a.py");
  }

  @Test
  void listingPagesThroughMoreThanAThousandObjectsAndLeavesOutFolderMarkers() {
    for (int i = 0; i < 1_203; i++) {
      putStoredObject(PREFIX + "/many/" + i + ".py", new byte[] {'x'});
    }
    // as the objects above, past HTTP: a PUT of it here, after the refusals of the test that runs before
    // this one, once failed in CI with "Error writing request body to server" on all three attempts
    putStoredObject(PREFIX + "/many/folder/", new byte[0]);
    S3Store store = S3Store.open(new S3Location(bucket, PREFIX, s3.endpoint().toString(), "us-east-1", ACCESS_KEY_ID,
        SECRET_ACCESS_KEY), S3FieldNames.S3_BLOCK, Map.of());

    List<S3Store.StoredObject> listed = store.list("many/");
    assertThat(listed).hasSize(1_203).allSatisfy(object -> assertThat(object.size()).isEqualTo(1));
    assertThat(listed).extracting(S3Store.StoredObject::key).contains("many/0.py", "many/1202.py");
    assertThat(store.read("many/none.py")).isEmpty();
  }

  private void putStoredObject(String key, byte[] content) {
    s3.blobStore().putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) content.length)
        .build(), new ByteArrayInputStream(content));
  }

  @Test
  void wrongCredentialsNameTheFieldsToMendAndNotTheSecret() {
    StorageBlock refused = storageWithWrongCredentials();

    assertThatThrownBy(() -> refused.getDirectory("flows", scratch.resolve("download"), CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageContaining("s3://" + bucket + "/" + PREFIX + "/flows")
        .hasMessageContaining("403").hasMessageContaining("mend " + credentialFields())
        .message().doesNotContain("not-the-secret");
    assertThat(refused.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.finding()).contains("refused the credentials of block type").contains("403");
      assertThat(check.fix()).contains(credentialFields().split(" / ")[0]).doesNotContain("not-the-secret");
    });
  }
}
