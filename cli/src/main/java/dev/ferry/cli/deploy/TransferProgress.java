package dev.ferry.cli.deploy;

import dev.ferry.storage.Progress;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar of files and bytes on the terminal's error stream, for a person watching a transfer. */
final class TransferProgress implements Progress, AutoCloseable {
  private final String task;
  private final AtomicInteger done = new AtomicInteger();
  private volatile int files;
  private ProgressBar bar;

  TransferProgress(String task) {
    this.task = task;
  }

  @Override
  public synchronized void started(int count, long bytes) {
    files = count;
    bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(bytes).setUnit(" MB", 1_000_000)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
    bar.setExtraMessage("0/" + count + " files");
  }

  @Override
  public void transferred(long bytes) {
    bar.stepBy(bytes);
    bar.setExtraMessage(done.incrementAndGet() + "/" + files + " files");
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
