package dev.ferry.storage;

import dev.ferry.doctor.Check;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A store of named objects under a base (a bucket and prefix, a container, a folder): what S3, GCS,
 * Azure Blob Storage and a local folder have in common. {@link ObjectStorage} makes a storage block
 * of one, so that parallel transfers, the content manifest and the agent's cache are written once.
 * Keys are relative to the base with '/' separators. Every method blocks; failures are
 * {@link StorageException}s that name the object's URL.
 */
public interface ObjectStore {
  /** An object: its key relative to the base, its size and when it was last written. */
  record StoredObject(String key, long size, Instant lastModified) {}

  /** Where a key is, as a URL for messages, e.g. {@code s3://bucket/flows/etl.py}; "" is the base. */
  String url(String key);

  /** Every object whose key starts with {@code prefix} ("" for all), directory markers left out. */
  List<StoredObject> list(String prefix);

  /** Writes an object's content to {@code target}, a file that does not exist yet. */
  void download(String key, Path target);

  /** Stores a file's content under {@code key}, replacing what was there. */
  void upload(Path source, String key);

  /** A small object's content, or empty when there is none under {@code key}. */
  Optional<byte[]> read(String key);

  /** Stores {@code content} under {@code key}, replacing what was there. */
  void write(String key, byte[] content);

  /** Whether the store can be reached with the block's credentials, for {@code ferry doctor}. */
  List<Check> checks();
}
