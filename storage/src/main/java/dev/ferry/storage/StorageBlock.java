package dev.ferry.storage;

import dev.ferry.doctor.Check;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a deployment's code lives. Built from a block document's data by {@link StorageBlocks};
 * every method blocks, so Vert.x code calls it through a worker. Paths are relative to the block's
 * base, with '/' separators; "" is the base itself.
 */
public interface StorageBlock {
  /** Where {@code path} is, as a URL for messages and summaries, e.g. {@code s3://bucket/flows/etl}. */
  String url(String path);

  /**
   * Copies everything under {@code fromPath} into {@code localDir}, taking what it can from
   * {@code cache}. Nothing is written outside {@code localDir}: a key that would escape it fails
   * the download with a message naming it.
   */
  Transfer getDirectory(String fromPath, Path localDir, CodeCache cache);

  /** Whether the block only reads code (a git repository): code reaches it by other means, and {@link #putDirectory} fails. */
  boolean readOnly();

  /** Copies the files of {@code localDir} that {@code ignore} keeps to {@code toPath}, telling {@code progress}. */
  Transfer putDirectory(Path localDir, String toPath, IgnoreRules ignore, Progress progress);

  /**
   * Whether this machine can reach the block's store (the folder, the bucket, the repository) with
   * the block's credentials, looked at now, for {@code ferry doctor}: at least one finding, with a
   * fix for each that is not right. Reports what it finds rather than throwing.
   */
  List<Check> checks();
}
