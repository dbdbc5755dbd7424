package dev.ferry.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.ObjectStorage;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.Progress;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlockContract;
import dev.ferry.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The azure block against Azurite: a container of its own, a fresh folder in it for each test. */
class AzureStorageIT extends StorageBlockContract {
  private static final String WRONG_KEY = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==";
  private static final AtomicInteger FOLDERS = new AtomicInteger();
  private static BlobContainerClient container;
  private String folder;

  @BeforeAll
  static void createContainer() {
    container = TestAzurite.client().getBlobContainerClient("ferry-it-" + UUID.randomUUID());
    container.create();
  }

  @AfterAll
  static void deleteContainer() {
    if (container != null) {
      container.delete();
    }
  }

  @Override
  protected StorageBlock newStorage(Path scratch) {
    folder = "code/test-" + FOLDERS.incrementAndGet();
    return storageOn(container.getBlobContainerName() + "/" + folder, TestAzurite.KEY);
  }

  /** The block under test on {@code container/folder}, signed in with a connection string holding {@code key}. */
  StorageBlock storageOn(String bucketPath, String key) {
    return AzureBlock.fromBlock(block(bucketPath).put("azure_storage_connection_string",
        TestAzurite.connectionString(key)));
  }

  @Override
  protected StorageBlock unreachableStorage(Path scratch) {
    return storageOn("no-such-container/code", TestAzurite.KEY);
  }

  @Override
  protected void putRawObject(String key, byte[] content) {
    container.getBlobClient(folder + "/" + key).upload(BinaryData.fromBytes(content), true);
  }

  @Override
  protected void plantEscapingEntry(String path) {
    putRawObject(path + "/../escaped.txt", "s3cret".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected StorageBlock storageWithWrongCredentials() {
    return storageOn(container.getBlobContainerName() + "/" + folder, WRONG_KEY);
  }

  /** The field a missing container is mended in. */
  String containerField() {
    return "'bucket_path'";
  }

  private static ObjectNode block(String bucketPath) {
    return Json.object().put("bucket_path", bucketPath);
  }

  /** The development account signed in with a key, as a block's account name and key would be, at Azurite's URL. */
  private static ObjectStore sharedKeyStore(String containerName, String prefix, String key, String endpoint) {
    return AzureObjectStore.open(new AzureLocation(AzureFields.AZURE, containerName, prefix,
        new AzureCredentials(null, TestAzurite.ACCOUNT, key, null, null, null, endpoint)));
  }

  private Path project() throws Exception {
    Path project = Files.createDirectories(scratch.resolve("pkg-project/pkg"));
    Files.writeString(project.resolve("a.py"), "A = 1\n");
    return project.getParent();
  }

  @Test
  void objectsAreNamedAsPrefectsAzureBlockNamesThem() throws Exception {
    newStorage(scratch).putDirectory(project(), "flows", IgnoreRules.none(), Progress.NONE);

    assertThat(container.listBlobs(new ListBlobsOptions().setPrefix(folder + "/"), null).stream()
        .map(BlobItem::getName)).contains(folder + "/flows/pkg/a.py");
  }

  @Test
  void codeUploadedWithAConnectionStringDownloadsWithTheAccountNameAndKey() throws Exception {
    newStorage(scratch).putDirectory(project(), "flows", IgnoreRules.none(), Progress.NONE);
    ObjectStorage withKey = new ObjectStorage(
        sharedKeyStore(container.getBlobContainerName(), folder, TestAzurite.KEY, TestAzurite.blobUrl()));

    withKey.getDirectory("flows", scratch.resolve("download"), CodeCache.NONE);
    assertThat(scratch.resolve("download/pkg/a.py")).hasContent("A = 1");
  }

  @Test
  void folderEntriesAreNotObjects() {
    newStorage(scratch);
    putRawObject("flows/", new byte[0]);
    container.getBlobClient(folder + "/flows/pkg").uploadWithResponse(
        new com.azure.storage.blob.options.BlobParallelUploadOptions(BinaryData.fromBytes(new byte[0]))
            .setMetadata(Map.of("hdi_isfolder", "true")), null, null);
    putRawObject("flows/pkg/a.py", "A = 1\n".getBytes(StandardCharsets.UTF_8));
    ObjectStore store = sharedKeyStore(container.getBlobContainerName(), folder, TestAzurite.KEY, TestAzurite.blobUrl());

    assertThat(store.list("flows/")).extracting(ObjectStore.StoredObject::key).containsExactly("flows/pkg/a.py");
    assertThat(store.list("")).singleElement().satisfies(object -> {
      assertThat(object.size()).isEqualTo(6);
      assertThat(object.lastModified()).isBefore(Instant.now().plusSeconds(60));
    });
  }

  @Test
  void aMissingObjectReadsAsNothing() {
    newStorage(scratch);
    assertThat(sharedKeyStore(container.getBlobContainerName(), folder, TestAzurite.KEY, TestAzurite.blobUrl())
        .read("no/such.json")).isEmpty();
  }

  @Test
  void wrongKeyIsAnErrorThatNamesTheFieldsToMendAndNotTheKey() {
    ObjectStore store = sharedKeyStore(container.getBlobContainerName(), "code", WRONG_KEY, TestAzurite.blobUrl());

    assertThatThrownBy(() -> store.list("flows/")).isInstanceOf(StorageException.class)
        .hasMessageContaining("az://" + container.getBlobContainerName() + "/code/flows/")
        .hasMessageContaining("403").hasMessageContaining("'azure_storage_account_key'")
        .hasMessageNotContaining(WRONG_KEY);
    assertThat(store.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.finding()).contains("refused", "403");
      assertThat(check.fix()).contains("'azure_storage_account_name'", "'azure_storage_account_key'");
    });
  }

  @Test
  void doctorNamesAMissingContainerAndTheFieldThatNamesIt() {
    Check check = unreachableStorage(scratch).checks().get(0);

    assertThat(check.subject()).endsWith(" az://no-such-container/code");
    assertThat(check.finding()).isEqualTo("container 'no-such-container' does not exist");
    assertThat(check.fix()).contains(containerField());
  }

  @Test
  void doctorFindsAnEndpointThatRefusesConnectionsWithinSeconds() throws Exception {
    // nothing listens on port 1: a free port found and closed may be taken by another process meanwhile
    String closed = "http://127.0.0.1:1/" + TestAzurite.ACCOUNT;
    ObjectStore store = sharedKeyStore("code", "", TestAzurite.KEY, closed);

    Instant start = Instant.now();
    Check check = store.checks().get(0);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(check.status()).isEqualTo(Check.Status.FAILED);
    assertThat(check.finding()).contains("cannot connect to " + closed);
    assertThat(check.fix()).contains("'azure_storage_account_name'");
  }

  @Test
  void doctorFindsTheContainerReachableWithTheAccountNameAndKey() {
    newStorage(scratch);
    Check check = sharedKeyStore(container.getBlobContainerName(), folder, TestAzurite.KEY, TestAzurite.blobUrl())
        .checks().get(0);
    assertThat(check.status()).isEqualTo(Check.Status.OK);
    assertThat(check.finding()).isEqualTo("reachable");
  }
}
