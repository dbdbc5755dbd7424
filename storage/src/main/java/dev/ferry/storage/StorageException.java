package dev.ferry.storage;

import dev.ferry.error.FerryException;

/** A storage block could not be built, or could not move code. The message names the block and path. */
public class StorageException extends FerryException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, boolean retryable, Throwable cause) {
    super(message, retryable, cause);
  }
}
