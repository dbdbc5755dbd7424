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
    String trimmed = path.strip().replace('\\', '/').replaceAll("^/+|/+$", "");
    if (Arrays.asList(trimmed.split("/")).contains("..")) {
      throw new StorageException("Path '" + path + "' climbs out of the block's base with '..', which is outside"
          + " what the block may touch; give a path below the base");
    }
    return trimmed;
  }

  /** {@code prefix/relative}; an empty side stands for nothing, so either may be "". */
  public static String join(String prefix, String relative) {
    if (prefix.isEmpty()) {
      return relative;
    }
    return relative.isEmpty() ? prefix : prefix + "/" + relative;
  }

  /**
   * A bucket (or container) and the folder in it, as Prefect's {@code bucket_path} writes them:
   * {@code bucket} or {@code bucket/some/folder}, slashes around them trimmed.
   */
  public record BucketPath(String bucket, String folder) {
    public static BucketPath parse(String bucketPath) {
      String path = normalize(bucketPath);
      int slash = path.indexOf('/');
      return slash < 0 ? new BucketPath(path, "") : new BucketPath(path.substring(0, slash), path.substring(slash + 1));
    }
  }
}
