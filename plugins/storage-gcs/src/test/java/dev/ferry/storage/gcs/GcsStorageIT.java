package dev.ferry.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import dev.ferry.doctor.Check;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.ObjectStorage;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.Progress;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlockContract;
import dev.ferry.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gcs block's store against google-cloud-nio's in-memory GCS, and, for what that fake cannot
 * show (refused credentials, a missing bucket, an unreachable endpoint), against a stub of the JSON
 * API on a loopback port reached through the SDK's real HTTP client.
 */
class GcsStorageIT extends StorageBlockContract {
  private static final String BUCKET = "ferry-test";
  private static final String PREFIX = "team/code";
  private static StubGcsServer refusing;
  private FakeGcs gcs;

  @BeforeAll
  static void startStub() throws Exception {
    refusing = new StubGcsServer(request -> request.uri().getPath().equals("/token") ? StubGcsServer.INVALID_GRANT
        : StubGcsServer.error(404, "The specified bucket does not exist."));
  }

  @AfterAll
  static void stopStub() {
    refusing.close();
  }

  @Override
  protected StorageBlock newStorage(Path scratch) {
    gcs = new FakeGcs();
    return new ObjectStorage(gcs.store(new GcsLocation(BUCKET, PREFIX, null, null, null)));
  }

  @Override
  protected StorageBlock unreachableStorage(Path scratch) {
    return new ObjectStorage(GcsStore.open(new GcsLocation("no-such-bucket", "", null, null, refusing.endpoint())));
  }

  @Override
  protected void putRawObject(String key, byte[] content) {
    gcs.storage().create(BlobInfo.newBuilder(BUCKET, PREFIX + "/" + key).build(), content);
  }

  @Override
  protected void plantEscapingEntry(String path) {
    putRawObject(path + "/../escaped.txt", "outside".getBytes());
  }

  @Override
  protected StorageBlock storageWithWrongCredentials() {
    return new ObjectStorage(GcsStore.open(new GcsLocation(BUCKET, PREFIX, null,
        TestKeys.serviceAccount(refusing.endpoint() + "/token").toString(), refusing.endpoint())));
  }

  @Test
  void aFileIsStoredUnderTheNamePrefectsGcsBlockGivesIt() throws Exception {
    Path project = Files.createDirectories(scratch.resolve("layout/pkg"));
    Files.writeString(project.resolve("a.py"), "A = 1\n");
    newStorage(scratch).putDirectory(project.getParent(), "flows", IgnoreRules.none(), Progress.NONE);

    assertThat(gcs.storage().readAllBytes(BlobId.of(BUCKET, "team/code/flows/pkg/a.py"))).asString().isEqualTo("A = 1\n");
  }

  @Test
  void listingLeavesDirectoryMarkersOutAndTellsSizeAndTime() {
    ObjectStore store = gcs.store(new GcsLocation(BUCKET, PREFIX, null, null, null));
    Instant before = Instant.now().minusSeconds(1);
    putRawObject("flows/", new byte[0]);
    putRawObject("flows/etl.py", "print(1)\n".getBytes());

    assertThat(store.list("flows/")).singleElement().satisfies(object -> {
      assertThat(object.key()).isEqualTo("flows/etl.py");
      assertThat(object.size()).isEqualTo(9);
      assertThat(object.lastModified()).isAfter(before);
    });
  }

  @Test
  void aMissingObjectReadsAsNothing() {
    assertThat(gcs.store(new GcsLocation(BUCKET, PREFIX, null, null, null)).read("flows/none.json")).isEmpty();
  }

  @Test
  void doctorNamesTheStoreAndHowItWasReached() {
    assertThat(gcs.store(new GcsLocation(BUCKET, PREFIX, null, null, "http://127.0.0.1:1")).checks()).singleElement()
        .isEqualTo(Check.ok("gs://ferry-test/team/code", "reachable without credentials on http://127.0.0.1:1"));
  }

  @Test
  void refusedCredentialsAreNamedWithTheFixAndWithoutTheKey() throws Exception {
    StorageBlock refused = storageWithWrongCredentials();

    assertThat(refused.checks()).singleElement().satisfies(check -> {
      assertThat(check.finding()).contains("credentials were refused").doesNotContain("PRIVATE KEY");
      assertThat(check.fix()).contains("service account");
    });
    assertThatThrownBy(() -> refused.getDirectory("flows", scratch.resolve("d"), CodeCache.NONE))
        .isInstanceOf(StorageException.class).hasMessageNotContaining("PRIVATE KEY").hasMessageContaining("Fix:");
  }

  @Test
  void aMissingBucketIsNamedWithHowToCreateIt() {
    assertThat(unreachableStorage(scratch).checks()).singleElement().satisfies(check -> {
      assertThat(check.finding()).contains("no bucket 'no-such-bucket'");
      assertThat(check.fix()).contains("gcloud storage buckets create gs://no-such-bucket");
    });
  }

  @Test
  void anEndpointThatDoesNotAnswerFailsTheCheckWithinSeconds() throws Exception {
    int closedPort = 1; // nothing listens there: a free port found and closed may be taken by another process
    ObjectStore store = GcsStore.open(new GcsLocation(BUCKET, PREFIX, null, null, "http://127.0.0.1:" + closedPort));
    Instant start = Instant.now();

    assertThat(store.checks()).singleElement().satisfies(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.finding()).contains("cannot reach http://127.0.0.1:" + closedPort);
      assertThat(check.fix()).contains("STORAGE_EMULATOR_HOST");
    });
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aTokenEndpointThatHangsFailsTheCheckAtItsDeadline() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    try (StubGcsServer hanging = new StubGcsServer(request -> {
      awaitQuietly(released);
      return StubGcsServer.INVALID_GRANT;
    })) {
      try {
        GcsLocation location = new GcsLocation(BUCKET, PREFIX, null,
            TestKeys.serviceAccount(hanging.endpoint() + "/token").toString(), hanging.endpoint());
        Check check = GcsCheck.of(location, () -> GcsClients.of(location, GcsClients.Patience.CHECK),
            Duration.ofMillis(500));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.finding()).startsWith("no answer from " + hanging.endpoint());
      } finally {
        released.countDown();
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
