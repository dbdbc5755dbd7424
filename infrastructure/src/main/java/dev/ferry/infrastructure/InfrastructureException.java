package dev.ferry.infrastructure;

import dev.ferry.error.FerryException;

/** Infrastructure could not be built, started or stopped. The message names the block type and what failed. */
public class InfrastructureException extends FerryException {
  public InfrastructureException(String message) {
    super(message);
  }

  public InfrastructureException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
