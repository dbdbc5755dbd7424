package dev.ferry.infrastructure;

/** The infrastructure runs where this agent cannot reach it (another host or cluster): the agent there stops it. */
public final class InfrastructureNotAvailable extends InfrastructureException {
  public InfrastructureNotAvailable(String message) {
    super(message);
  }
}
