package dev.ferry.storage;

import dev.ferry.doctor.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A storage block over an {@link ObjectStore}: a file an object, under the same keys Prefect's
 * blocks use, so that either side can read what the other uploaded. An upload moves files in
 * parallel and writes a {@link CodeManifest} last; a download with a current manifest takes the
 * files it lists from the agent's {@link CodeCache} and fetches only the others. Nothing is ever
 * written outside the download's folder.
 */
public final class ObjectStorage implements StorageBlock {
  private final ObjectStore store;

  public ObjectStorage(ObjectStore store) {
    this.store = store;
  }

  @Override
  public String url(String path) {
    return store.url(BlockPath.normalize(path));
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public Transfer putDirectory(Path localDir, String toPath, IgnoreRules ignore, Progress progress) {
    String prefix = BlockPath.normalize(toPath);
    List<LocalTree.LocalFile> files = LocalTree.files(localDir, ignore, null);
    long bytes = files.stream().mapToLong(LocalTree.LocalFile::size).sum();
    progress.started(files.size(), bytes);
    List<CodeManifest.Entry> entries = Transfers.each(files, file -> {
      String hash = CodeManifest.sha256(file.path());
      store.upload(file.path(), BlockPath.join(prefix, file.relative()));
      progress.transferred(file.size());
      return new CodeManifest.Entry(file.relative(), hash, file.size());
    });
    store.write(BlockPath.join(prefix, CodeManifest.KEY), CodeManifest.of(entries).toJson());
    return new Transfer(files.size(), bytes, 0);
  }

  @Override
  public Transfer getDirectory(String fromPath, Path localDir, CodeCache cache) {
    String prefix = BlockPath.normalize(fromPath);
    List<ObjectStore.StoredObject> objects = store.list(prefix.isEmpty() ? "" : prefix + "/");
    if (objects.isEmpty()) {
      throw new StorageException("There is no code at " + store.url(prefix) + " (path '" + fromPath
          + "'): upload it with 'ferry deployment build -sb ...' or 'ferry storage push', or mend the deployment's"
          + " path");
    }
    Optional<CodeManifest> manifest = currentManifest(prefix, objects);
    try {
      Files.createDirectories(localDir);
      return manifest.isPresent() ? fromManifest(prefix, manifest.get(), localDir, cache)
          : plain(prefix, objects, localDir);
    } catch (IOException e) {
      throw new StorageException("Cannot write the code of " + store.url(prefix) + " into " + localDir + ": "
          + e.getMessage(), false, e);
    }
  }

  @Override
  public List<Check> checks() {
    return store.checks();
  }

  /**
   * The manifest under {@code prefix} when it describes what is there now: no object was written
   * after it, and the objects are exactly the files it lists, with their sizes. Stores keep times
   * to the second, so another tool's upload in the second of ferry's is caught by the keys and
   * sizes; only a same-size overwrite within that second would pass, and nothing else.
   */
  private Optional<CodeManifest> currentManifest(String prefix, List<ObjectStore.StoredObject> objects) {
    String manifestKey = BlockPath.join(prefix, CodeManifest.KEY);
    Map<String, ObjectStore.StoredObject> byKey =
        objects.stream().collect(Collectors.toMap(ObjectStore.StoredObject::key, Function.identity()));
    ObjectStore.StoredObject listed = byKey.get(manifestKey);
    if (listed == null) {
      return Optional.empty();
    }
    Instant written = listed.lastModified();
    if (objects.stream().anyMatch(object -> object.lastModified().isAfter(written))) {
      return Optional.empty();
    }
    return store.read(manifestKey).map(json -> CodeManifest.parse(json, store.url(manifestKey)))
        .filter(manifest -> manifest.files().size() == objects.size() - 1
            && manifest.files().stream().allMatch(entry -> {
              ObjectStore.StoredObject object = byKey.get(BlockPath.join(prefix, entry.path()));
              return object != null && object.size() == entry.size();
            }));
  }

  private Transfer fromManifest(String prefix, CodeManifest manifest, Path localDir, CodeCache cache) {
    List<CodeManifest.Entry> entries = manifest.files();
    entries.forEach(entry -> confined(localDir, prefix, entry.path()));
    List<Boolean> hits = Transfers.each(entries, entry -> {
      String key = BlockPath.join(prefix, entry.path());
      return cache.place(entry.sha256(), confined(localDir, prefix, entry.path()), store.url(key),
          target -> store.download(key, target));
    });
    cache.trim();
    long bytes = entries.stream().mapToLong(CodeManifest.Entry::size).sum();
    return new Transfer(entries.size(), bytes, (int) hits.stream().filter(hit -> hit).count());
  }

  private Transfer plain(String prefix, List<ObjectStore.StoredObject> objects, Path localDir) {
    String start = prefix.isEmpty() ? "" : prefix + "/";
    List<ObjectStore.StoredObject> files = objects.stream()
        .filter(object -> !object.key().equals(BlockPath.join(prefix, CodeManifest.KEY))).toList();
    files.forEach(object -> confined(localDir, prefix, object.key().substring(start.length())));
    Transfers.each(files, object -> {
      Path target = confined(localDir, prefix, object.key().substring(start.length()));
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(target);
      store.download(object.key(), target);
      return target;
    });
    return new Transfer(files.size(), files.stream().mapToLong(ObjectStore.StoredObject::size).sum(), 0);
  }

  /** Where a key lands in the download, refused when it would land outside it. */
  private Path confined(Path localDir, String prefix, String relative) {
    try {
      return LocalTree.confined(localDir, relative);
    } catch (StorageException e) {
      throw new StorageException("Refusing " + store.url(BlockPath.join(prefix, relative)) + ": its key would put it"
          + " outside the run's folder (" + localDir + "). Remove that object from the store, or upload the code again"
          + " with ferry", false, e);
    }
  }

}
