package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Launched;
import java.util.concurrent.CompletableFuture;

/**
 * A run whose Job ended where nobody saw: nothing of it is left but what its exit says.
 *
 * @param handedOn how far its output was handed on, which stays where it was
 */
record EndedRun(String infrastructurePid, Exit ended, long handedOn) implements Launched {
  @Override
  public CompletableFuture<Exit> exit() {
    return CompletableFuture.completedFuture(ended);
  }

  @Override
  public long detach() {
    return handedOn;
  }
}
