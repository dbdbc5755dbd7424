package dev.ferry.infrastructure;

import java.util.concurrent.CompletionStage;

/** Infrastructure that was started for a run. */
public interface Launched {
  /** The id the agent records on the run, to find the infrastructure again ({@code host:pid} for a process). */
  String infrastructurePid();

  /** Completes when the infrastructure has ended and all of its output was delivered. */
  CompletionStage<Exit> exit();

  /** How far the run's output was handed on, for an agent that takes the run over ({@link Infrastructure#reattach}). */
  long outputOffset();
}
