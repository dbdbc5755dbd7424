package dev.ferry.storage.s3;

import dev.ferry.doctor.Check;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Objects in an S3 bucket under a prefix, in Amazon S3 or an S3-compatible store: the object of file
 * {@code pkg/a.py} uploaded to path {@code flows} is {@code <prefix>/flows/pkg/a.py}, where Prefect's
 * s3 block (s3fs) puts it too, so that either reads what the other uploaded. Uploads are single
 * PutObjects, so a file can be at most 5 GB.
 */
public final class S3Store implements ObjectStore {
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final S3Location location;
  private final S3Endpoint endpoint;
  private final S3Errors errors;
  private final S3Client client;

  private S3Store(S3Location location, S3FieldNames names, S3Endpoint endpoint) {
    this.location = location;
    this.endpoint = endpoint;
    this.errors = new S3Errors(location, names, endpoint);
    this.client = S3Clients.client(location, endpoint);
  }

  /** The store at {@code location}, its endpoint defaulting from this process's environment. */
  public static S3Store open(S3Location location, S3FieldNames names) {
    return open(location, names, System.getenv());
  }

  /**
   * The store at {@code location}, its endpoint defaulting from {@code environment}
   * ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}); a location it cannot use is a
   * {@link StorageException} naming the block type and the field to mend.
   */
  public static S3Store open(S3Location location, S3FieldNames names, Map<String, String> environment) {
    location.requireUsable(names);
    return new S3Store(location, names, S3Endpoint.resolve(location, names, environment));
  }

  @Override
  public String url(String key) {
    return location.url(key);
  }

  @Override
  public List<StoredObject> list(String prefix) {
    String start = location.prefix().isEmpty() ? "" : location.prefix() + "/";
    try {
      return client.listObjectsV2Paginator(request -> request.bucket(location.bucket()).prefix(start + prefix))
          .contents().stream().filter(object -> !object.key().endsWith("/"))
          .map(object -> new StoredObject(object.key().substring(start.length()), object.size(), object.lastModified()))
          .toList();
    } catch (SdkException e) {
      throw errors.exception("list", url(prefix), e);
    }
  }

  @Override
  public void download(String key, Path target) {
    try (InputStream content = client.getObject(request -> request.bucket(location.bucket()).key(location.key(key)))) {
      Files.copy(content, target);
    } catch (SdkException | IOException e) {
      if (!(e instanceof FileAlreadyExistsException)) {
        deleteQuietly(target);
      }
      throw e instanceof SdkException failure ? errors.exception("download", url(key), failure)
          : new StorageException("Cannot download " + url(key) + " to " + target + ": " + e.getMessage(), true, e);
    }
  }

  @Override
  public void upload(Path source, String key) {
    put(key, RequestBody.fromFile(source), "upload " + source + " to");
  }

  @Override
  public Optional<byte[]> read(String key) {
    try {
      return Optional.of(client.getObjectAsBytes(request -> request.bucket(location.bucket()).key(location.key(key)))
          .asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw errors.exception("read", url(key), e);
    }
  }

  @Override
  public void write(String key, byte[] content) {
    put(key, RequestBody.fromBytes(content), "write");
  }

  private void put(String key, RequestBody content, String action) {
    try {
      client.putObject(request -> request.bucket(location.bucket()).key(location.key(key)), content);
    } catch (SdkException e) {
      throw errors.exception(action, url(key), e);
    }
  }

  /** Lists one key under the prefix, which needs the endpoint, the bucket and credentials allowed to list it. */
  @Override
  public List<Check> checks() {
    String subject = url("");
    try {
      client.listObjectsV2(request -> request.bucket(location.bucket()).prefix(location.prefix()).maxKeys(1)
          .overrideConfiguration(call -> call.apiCallTimeout(CHECK_TIMEOUT)));
      return List.of(Check.ok(subject, "reachable at " + endpoint.describe() + " with "
          + (location.hasKeys() ? "the block's credentials" : "this machine's default AWS credentials")));
    } catch (SdkException e) {
      S3Errors.Problem problem = errors.diagnose(e);
      return List.of(Check.failed(subject, problem.finding(), problem.fix()));
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the download already failed; the caller writes a fresh file next time
    }
  }
}
