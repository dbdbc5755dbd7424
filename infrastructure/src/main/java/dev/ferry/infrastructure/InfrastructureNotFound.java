package dev.ferry.infrastructure;

/** The infrastructure is gone: nothing is left to stop. */
public final class InfrastructureNotFound extends InfrastructureException {
  public InfrastructureNotFound(String message) {
    super(message);
  }
}
