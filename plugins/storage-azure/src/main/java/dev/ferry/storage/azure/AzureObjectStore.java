package dev.ferry.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.ferry.doctor.Check;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container of Azure Blob Storage as an {@link ObjectStore}: the object under key {@code k} is
 * the block blob {@code folder/k}, the name Prefect's azure block (adlfs) gives it, so that either
 * reads what the other wrote. Folder entries (names ending in '/', and the directories of a Data
 * Lake account) are not objects. URLs read {@code az://container/folder/key}.
 */
public final class AzureObjectStore implements ObjectStore {
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final AzureLocation location;
  private final BlobContainerClient container;
  private final String endpoint;

  private AzureObjectStore(AzureLocation location, BlobServiceClient service) {
    this.location = location;
    this.container = service.getBlobContainerClient(location.container());
    this.endpoint = service.getAccountUrl();
  }

  /** The store at {@code location}, on the shared client of its account and credentials. */
  public static ObjectStore open(AzureLocation location) {
    return new AzureObjectStore(location, AzureClients.serviceClient(location));
  }

  @Override
  public String url(String key) {
    String name = key.isEmpty() ? location.prefix() : blobName(key);
    return "az://" + location.container() + (name.isEmpty() ? "" : "/" + name);
  }

  @Override
  public List<StoredObject> list(String prefix) {
    String base = blobName("");
    ListBlobsOptions options = new ListBlobsOptions().setPrefix(blobName(prefix))
        .setDetails(new BlobListDetails().setRetrieveMetadata(true));
    try {
      List<StoredObject> objects = new ArrayList<>();
      for (BlobItem item : container.listBlobs(options, null)) {
        if (!isFolder(item)) {
          objects.add(new StoredObject(item.getName().substring(base.length()),
              item.getProperties().getContentLength(), item.getProperties().getLastModified().toInstant()));
        }
      }
      return objects;
    } catch (RuntimeException e) {
      throw failed("list", prefix, e);
    }
  }

  @Override
  public void download(String key, Path target) {
    try {
      blob(key).downloadToFile(target.toString());
    } catch (RuntimeException e) {
      throw failed("download", key, e);
    }
  }

  @Override
  public void upload(Path source, String key) {
    try {
      blob(key).uploadFromFile(source.toString(), true);
    } catch (RuntimeException e) {
      throw failed("upload", key, e);
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    try {
      return Optional.of(blob(key).downloadContent().toBytes());
    } catch (BlobStorageException e) {
      if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw failed("read", key, e);
    } catch (RuntimeException e) {
      throw failed("read", key, e);
    }
  }

  @Override
  public void write(String key, byte[] content) {
    try {
      blob(key).upload(BinaryData.fromBytes(content), true);
    } catch (RuntimeException e) {
      throw failed("write", key, e);
    }
  }

  /** Lists one blob under the folder, within a few seconds: that proves the endpoint, the credentials and the container. */
  @Override
  public List<Check> checks() {
    String subject = location.fields().blockType() + " " + url("");
    try {
      container.listBlobs(new ListBlobsOptions().setPrefix(blobName("")).setMaxResultsPerPage(1), CHECK_TIMEOUT)
          .iterableByPage().iterator().next();
      return List.of(Check.ok(subject, "reachable"));
    } catch (RuntimeException e) {
      AzureFailure failure = AzureFailure.of(e, location, endpoint);
      return List.of(Check.failed(subject, failure.finding(), failure.fix()));
    }
  }

  private BlobClient blob(String key) {
    return container.getBlobClient(blobName(key));
  }

  /** The blob name of a key; for "" the folder's own prefix, ending in '/'. */
  private String blobName(String key) {
    return location.prefix().isEmpty() ? key : location.prefix() + "/" + key;
  }

  private static boolean isFolder(BlobItem item) {
    return item.getName().endsWith("/")
        || item.getMetadata() != null && "true".equalsIgnoreCase(item.getMetadata().get("hdi_isfolder"));
  }

  private StorageException failed(String doing, String key, RuntimeException e) {
    AzureFailure failure = AzureFailure.of(e, location, endpoint);
    return new StorageException("Cannot " + doing + " " + url(key) + " (block type '" + location.fields().blockType()
        + "'): " + failure.finding() + "; " + failure.fix(), failure.retryable(), e);
  }
}
