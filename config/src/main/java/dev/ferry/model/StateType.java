package dev.ferry.model;

/** The state types of Prefect 2.7, in its spelling. */
public enum StateType {
  SCHEDULED,
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  CRASHED,
  PAUSED,
  CANCELLING;

  /** A run in a final state never moves again unless forced. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == CRASHED;
  }

  /** The display name Prefect gives a state of this type: "Scheduled", "Crashed". */
  public String displayName() {
    return name().charAt(0) + name().substring(1).toLowerCase();
  }
}
