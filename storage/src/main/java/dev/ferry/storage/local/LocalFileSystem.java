package dev.ferry.storage.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.LocalTree;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Prefect's {@code local-file-system} block: code kept in a folder ({@code basepath}) the agent can read. */
public final class LocalFileSystem implements StorageBlock {
  private final Path basepath;

  /** The block document's fields. */
  record Fields(String basepath) {}

  public LocalFileSystem(Path basepath) {
    this.basepath = basepath.toAbsolutePath().normalize();
  }

  public static LocalFileSystem fromBlock(ObjectNode data) {
    Fields fields = Json.convert(data, Fields.class);
    if (fields.basepath() == null || fields.basepath().isBlank()) {
      throw new StorageException("Block type 'local-file-system' needs field 'basepath': the folder that holds the code");
    }
    return new LocalFileSystem(Path.of(fields.basepath()));
  }

  @Override
  public void getDirectory(String fromPath, Path localDir) {
    LocalTree.copy(resolve(fromPath), localDir, IgnoreRules.none());
  }

  @Override
  public int putDirectory(Path localDir, String toPath, IgnoreRules ignore) {
    return LocalTree.copy(localDir, resolve(toPath), ignore);
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

  private Path resolve(String path) {
    return path == null || path.isEmpty() ? basepath : LocalTree.confined(basepath, path);
  }
}
