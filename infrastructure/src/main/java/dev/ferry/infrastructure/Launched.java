package dev.ferry.infrastructure;

import java.util.concurrent.CompletionStage;

/** Infrastructure that was started for a run. */
public interface Launched {
  /** The id the agent records on the run, to find the infrastructure again ({@code host:pid} for a process). */
  String infrastructurePid();

  /** Completes when the infrastructure has ended and all of its output was delivered. */
  CompletionStage<Exit> exit();
}
