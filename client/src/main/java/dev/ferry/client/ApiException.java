package dev.ferry.client;

import dev.ferry.error.FerryException;
import java.time.Duration;
import java.util.Optional;

/** The API answered with an error status, or could not be reached ({@link #status()} 0). */
public class ApiException extends FerryException {
  private final int status;
  private final Duration retryAfter;

  public ApiException(int status, String message, boolean retryable, Throwable cause) {
    this(status, message, retryable, cause, null);
  }

  /** As the other constructor, with the pause the answer asked for before the next call (null for none). */
  public ApiException(int status, String message, boolean retryable, Throwable cause, Duration retryAfter) {
    super(message, retryable, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  public boolean notFound() {
    return status == 404;
  }

  /** How long the API asked callers to wait before the next call (its {@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
