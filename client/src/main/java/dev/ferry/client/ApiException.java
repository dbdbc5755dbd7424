package dev.ferry.client;

import dev.ferry.error.FerryException;

/** The API answered with an error status, or could not be reached ({@link #status()} 0). */
public class ApiException extends FerryException {
  private final int status;

  public ApiException(int status, String message, boolean retryable, Throwable cause) {
    super(message, retryable, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean notFound() {
    return status == 404;
  }
}
