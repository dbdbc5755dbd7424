package dev.ferry.storage;

/** Hears how a transfer goes, e.g. to draw a progress bar; called from the transfer threads. */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void started(int files, long bytes) {}

    @Override
    public void transferred(long bytes) {}
  };

  /** The transfer will move this many files and bytes. */
  void started(int files, long bytes);

  /** One more file of this size has been moved. */
  void transferred(long bytes);
}
