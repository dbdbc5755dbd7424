package dev.ferry.infrastructure;

import java.util.concurrent.CompletionStage;

/** Infrastructure that was started for a run. */
public interface Launched {
  /** The id the agent records on the run, to find the infrastructure again ({@code host:pid} for a process). */
  String infrastructurePid();

  /** Completes when the infrastructure has ended and all of its output was delivered. */
  CompletionStage<Exit> exit();

  /**
   * Stops handing the run's output on, for the agent leaves the run running: {@link #exit} does
   * not complete after this. Returns how far the output was handed on, where the agent that takes
   * the run over goes on ({@link Infrastructure#reattach}).
   */
  long detach();
}
