package dev.ferry.storage;

import dev.ferry.doctor.Check;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a deployment's code lives. Built from a block document's data by {@link StorageBlocks};
 * every method blocks, so Vert.x code calls it through a worker.
 */
public interface StorageBlock {
  /**
   * Copies everything under {@code fromPath} (relative to the block's base; empty for the base
   * itself) into {@code localDir}. Nothing is written outside {@code localDir}: a key that would
   * escape it fails the download.
   */
  void getDirectory(String fromPath, Path localDir);

  /**
   * Copies the files of {@code localDir} that {@code ignore} keeps to {@code toPath} under the
   * block's base, and returns how many files it copied.
   */
  int putDirectory(Path localDir, String toPath, IgnoreRules ignore);

  /**
   * Whether this machine can reach the block's store (the folder, the bucket, the repository) with
   * the block's credentials, looked at now, for {@code ferry doctor}: at least one finding, with a
   * fix for each that is not right. Reports what it finds rather than throwing.
   */
  List<Check> checks();
}
