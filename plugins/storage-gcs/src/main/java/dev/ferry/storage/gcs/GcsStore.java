package dev.ferry.storage.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.Storage.BlobListOption;
import dev.ferry.doctor.Check;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The objects under a {@link GcsLocation}, over GCS's JSON API: a key {@code flows/pkg/a.py} is the
 * object {@code <prefix>/flows/pkg/a.py}, as Prefect's {@code gcs} block (gcsfs) names it.
 */
public final class GcsStore implements ObjectStore {
  /** Files up to this size go up in one request; larger ones in a resumable upload. */
  private static final long SINGLE_REQUEST_BYTES = 8L << 20;

  private final GcsLocation location;
  private final Function<GcsClients.Patience, Storage> clients;

  GcsStore(GcsLocation location, Function<GcsClients.Patience, Storage> clients) {
    this.location = location;
    this.clients = clients;
  }

  /** The store of {@code location}, on the process's shared client for it, made when first used. */
  public static ObjectStore open(GcsLocation location) {
    return new GcsStore(location, patience -> GcsClients.of(location, patience));
  }

  @Override
  public String url(String key) {
    return location.url(key);
  }

  @Override
  public List<StoredObject> list(String prefix) {
    String base = location.name("").isEmpty() ? "" : location.name("") + "/";
    try {
      Page<Blob> page = clients.apply(GcsClients.Patience.TRANSFER).list(location.bucket(),
          BlobListOption.prefix(base + prefix), BlobListOption.fields(BlobField.NAME, BlobField.SIZE, BlobField.UPDATED));
      List<StoredObject> objects = new ArrayList<>();
      for (Blob blob : page.iterateAll()) {
        if (!blob.getName().endsWith("/")) {
          objects.add(new StoredObject(blob.getName().substring(base.length()), blob.getSize(),
              blob.getUpdateTimeOffsetDateTime().toInstant()));
        }
      }
      return objects;
    } catch (RuntimeException e) {
      throw GcsFailure.of(e, location).toException("list", url(prefix), e);
    }
  }

  @Override
  public void download(String key, Path target) {
    try {
      clients.apply(GcsClients.Patience.TRANSFER).downloadTo(blobId(key), target);
    } catch (RuntimeException e) {
      removePartial(target);
      if (notFound(e)) {
        throw new StorageException("Cannot download " + url(key) + ": the object was removed after it was listed."
            + " Fix: upload the code again", false, e);
      }
      throw GcsFailure.of(e, location).toException("download", url(key), e);
    }
  }

  @Override
  public void upload(Path source, String key) {
    if (local(source, key, Files::size) <= SINGLE_REQUEST_BYTES) {
      write(key, local(source, key, Files::readAllBytes));
      return;
    }
    try {
      clients.apply(GcsClients.Patience.TRANSFER).createFrom(BlobInfo.newBuilder(blobId(key)).build(), source);
    } catch (IOException | RuntimeException e) {
      throw GcsFailure.of(e, location).toException("upload " + source + " to", url(key), e);
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    try {
      return Optional.of(clients.apply(GcsClients.Patience.TRANSFER).readAllBytes(blobId(key)));
    } catch (RuntimeException e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw GcsFailure.of(e, location).toException("read", url(key), e);
    }
  }

  @Override
  public void write(String key, byte[] content) {
    try {
      clients.apply(GcsClients.Patience.TRANSFER).create(BlobInfo.newBuilder(blobId(key)).build(), content);
    } catch (RuntimeException e) {
      throw GcsFailure.of(e, location).toException("write", url(key), e);
    }
  }

  @Override
  public List<Check> checks() {
    return List.of(GcsCheck.of(location, () -> clients.apply(GcsClients.Patience.CHECK)));
  }

  private BlobId blobId(String key) {
    return BlobId.of(location.bucket(), location.name(key));
  }

  private interface LocalRead<T> {
    T from(Path file) throws IOException;
  }

  private <T> T local(Path source, String key, LocalRead<T> read) {
    try {
      return read.from(source);
    } catch (IOException e) {
      throw new StorageException("Cannot read " + source + " to upload it to " + url(key) + ": " + e.getMessage(),
          false, e);
    }
  }

  private static boolean notFound(RuntimeException e) {
    return e instanceof BaseServiceException service && service.getCode() == 404;
  }

  private static void removePartial(Path target) {
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      // the download failed already; a partial file left behind is overwritten by the next try
    }
  }
}
