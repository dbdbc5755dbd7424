package dev.ferry.storage;

import dev.ferry.model.BlockDocument;
import java.nio.file.Path;

/**
 * Brings a deployment's code into a folder, as the agent does for each run and {@code ferry storage
 * pull} does for a container: from its storage block (read with its secrets), or, for a deployment
 * built without one, from the local folder its path names.
 */
public final class DeploymentCode {
  private DeploymentCode() {}

  /** Downloads {@code path} of {@code storage} (null for none) into {@code dir}. Blocks. */
  public static Transfer download(BlockDocument storage, String path, Path dir, CodeCache cache) {
    if (storage != null) {
      return StorageBlocks.create(storage.typeSlug(), storage.data()).getDirectory(path, dir, cache);
    }
    if (path == null || path.isEmpty()) {
      return new Transfer(0, 0, 0);
    }
    Path source = Path.of(path);
    return LocalTree.copy(source, dir, IgnoreRules.load(source));
  }

  /** Where {@link #download} takes the code from, for messages: the block's URL or the local folder. */
  public static String url(BlockDocument storage, String path) {
    return storage != null ? StorageBlocks.create(storage.typeSlug(), storage.data()).url(path) : path;
  }
}
