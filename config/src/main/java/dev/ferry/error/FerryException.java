package dev.ferry.error;

/**
 * The root of every error Ferry raises on purpose. Its message is meant for the user: it names
 * the file, key, block or URL at fault and, where there is one, the fix.
 */
public class FerryException extends RuntimeException {
  private final boolean retryable;

  public FerryException(String message) {
    this(message, false, null);
  }

  public FerryException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** True when the same call may succeed later (a server that is down, a timeout). */
  public boolean retryable() {
    return retryable;
  }
}
