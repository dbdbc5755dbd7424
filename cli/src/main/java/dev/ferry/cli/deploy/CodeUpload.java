package dev.ferry.cli.deploy;

import dev.ferry.model.BlockDocument;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.Progress;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlocks;
import dev.ferry.storage.Transfer;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Uploads a project to a storage block, as every command that uploads does: what its
 * {@code .prefectignore} keeps, a progress bar while a person watches, then one summary line
 * (files, bytes, seconds, where).
 */
public final class CodeUpload {
  private final PrintStream out;
  private final boolean terminal;

  public CodeUpload(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Uploads {@code projectDir} to {@code path} of {@code block}, a saved block read with its secrets. */
  public Transfer upload(BlockDocument block, Path projectDir, String path) {
    StorageBlock storage = StorageBlocks.create(block.typeSlug(), block.data());
    if (storage.readOnly()) {
      out.println("Nothing uploaded: " + block.typeSlug() + "/" + block.name() + " is read-only; the code must already be"
          + " at " + storage.url(path) + " (push it with git)");
      return new Transfer(0, 0, 0);
    }
    long start = System.nanoTime();
    Transfer sent;
    if (terminal) {
      try (TransferProgress progress = new TransferProgress("Uploading")) {
        sent = storage.putDirectory(projectDir, path, IgnoreRules.load(projectDir), progress);
      }
    } else {
      sent = storage.putDirectory(projectDir, path, IgnoreRules.load(projectDir), Progress.NONE);
    }
    out.println(TransferSummary.line("Uploaded", sent, System.nanoTime() - start, storage.url(path)));
    return sent;
  }
}
