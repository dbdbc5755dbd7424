package dev.ferry.storage;

import java.util.Arrays;

/** A path under a storage block's base as users write it ({@code flows/etl/}, {@code /etl}), made one shape. */
public final class BlockPath {
  private BlockPath() {}

  /**
   * The path with '/' separators and no leading or trailing '/', "" for the base itself; one that
   * climbs out of the base with '..' is refused.
   */
  public static String normalize(String path) {
    if (path == null) {
      return "";
    }
    String trimmed = path.replace('\\', '/').replaceAll("^/+|/+$", "");
    if (Arrays.asList(trimmed.split("/")).contains("..")) {
      throw new StorageException("Path '" + path + "' climbs out of the block's base with '..', which is outside"
          + " what the block may touch; give a path below the base");
    }
    return trimmed;
  }
}
