package dev.ferry.storage.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.LocalTree;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageException;
import java.nio.file.Path;

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

  private Path resolve(String path) {
    return path == null || path.isEmpty() ? basepath : LocalTree.confined(basepath, path);
  }
}
