package dev.ferry.storage.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.LocalTree;
import dev.ferry.storage.ObjectStorage;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** Prefect's {@code local-file-system} block: code kept in a folder ({@code basepath}) the agent can read, a file an object. */
public final class LocalFileSystem implements ObjectStore {
  private final Path basepath;

  /** The block document's fields. */
  record Fields(String basepath) {}

  LocalFileSystem(Path basepath) {
    this.basepath = basepath.toAbsolutePath().normalize();
  }

  public static ObjectStorage fromBlock(ObjectNode data) {
    Fields fields = Json.convert(data, Fields.class);
    if (fields.basepath() == null || fields.basepath().isBlank()) {
      throw new StorageException("Block type 'local-file-system' needs field 'basepath': the folder that holds the code");
    }
    return new ObjectStorage(new LocalFileSystem(Path.of(fields.basepath())));
  }

  @Override
  public String url(String key) {
    return key.isEmpty() ? basepath.toString() : basepath.resolve(key).toString();
  }

  @Override
  public List<StoredObject> list(String prefix) {
    Path dir = prefix.isEmpty() ? basepath : LocalTree.confined(basepath, prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    String start = basepath.relativize(dir).toString().replace('\\', '/');
    return LocalTree.files(dir, IgnoreRules.none(), null).stream().map(file -> {
      try {
        return new StoredObject(start.isEmpty() ? file.relative() : start + "/" + file.relative(), file.size(),
            Files.getLastModifiedTime(file.path()).toInstant());
      } catch (IOException e) {
        throw new StorageException("Cannot read " + file.path() + ": " + e.getMessage(), false, e);
      }
    }).toList();
  }

  @Override
  public void download(String key, Path target) {
    try {
      Files.copy(LocalTree.confined(basepath, key), target);
    } catch (IOException e) {
      throw new StorageException("Cannot copy " + url(key) + " to " + target + ": " + e.getMessage(), false, e);
    }
  }

  @Override
  public void upload(Path source, String key) {
    replace(key, partial -> Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING));
  }

  @Override
  public Optional<byte[]> read(String key) {
    Path file = LocalTree.confined(basepath, key);
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new StorageException("Cannot read " + file + ": " + e.getMessage(), false, e);
    }
  }

  @Override
  public void write(String key, byte[] content) {
    replace(key, partial -> Files.write(partial, content));
  }

  /** Writes a file beside its place and moves it there, so that a reader never sees half of it. */
  private void replace(String key, Writer writer) {
    Path target = LocalTree.confined(basepath, key);
    try {
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), ".ferry-", ".part");
      try {
        writer.write(partial);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new StorageException("Cannot write " + target + ": " + e.getMessage(), false, e);
    }
  }

  private interface Writer {
    void write(Path partial) throws IOException;
  }

  @Override
  public List<Check> checks() {
    String subject = "local-file-system " + basepath;
    if (!Files.isDirectory(basepath)) {
      return List.of(Check.failed(subject, "no such folder on this machine",
          "the agent copies the code from there: create or mount it here, or keep the code in a remote block"
              + " (s3, gcs, azure, github)"));
    }
    if (!Files.isReadable(basepath) || !Files.isExecutable(basepath)) {
      return List.of(Check.failed(subject, "not readable by this user", "let this user read it (chmod, chown)"));
    }
    return List.of(Check.ok(subject, "readable"));
  }
}
