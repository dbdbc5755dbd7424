package dev.ferry.bench;

import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.OrchestrationResult;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Feeds the agent the soak's mix: keeps a backlog of {@link #BACKLOG} SCHEDULED runs ahead of it until all the
 * soak's runs are created, and cancels the runs that sleep for it once they are RUNNING, through the API as
 * {@code ferry flow-run cancel} does. While the server does not answer it pauses, says so once, and resumes when
 * it answers again.
 */
final class RunFeeder {
  static final int BACKLOG = 64;

  private final OrchestrationClient client;
  private final Map<RunKind, Deployment> deployments;
  private final int runs;
  private int created;
  private int cancelled;
  private boolean paused;

  RunFeeder(OrchestrationClient client, Map<RunKind, Deployment> deployments, int runs) {
    this.client = client;
    this.deployments = deployments;
    this.runs = runs;
  }

  /** One round: cancels the sleeping runs that are RUNNING, then tops the backlog up. */
  void step() {
    try {
      cancelRunning();
      if (created < runs) {
        long scheduled = await(client.countFlowRuns(
            BenchDeployments.runsOf(deployments.values(), StateType.SCHEDULED)));
        for (long backlog = scheduled; backlog < BACKLOG && created < runs; backlog++) {
          BenchDeployments.scheduleNow(client, deployments.get(RunKind.of(created)));
          created++;
        }
      }
      if (paused) {
        paused = false;
        SoakBench.say("the server answers again: creating runs resumed at " + created + " created");
      }
    } catch (CompletionException failure) {
      if (!unreachable(failure)) {
        throw failure;
      }
      if (!paused) {
        paused = true;
        SoakBench.say("the server does not answer: creating runs paused at " + created + " created ("
            + failure.getCause().getMessage() + ")");
      }
    }
  }

  boolean allCreated() {
    return created == runs;
  }

  int created() {
    return created;
  }

  int cancelled() {
    return cancelled;
  }

  /** Whether a call failed because the server could not be reached or answered 5xx, as it does while it stops. */
  static boolean unreachable(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() instanceof ApiException api
        && api.retryable();
  }

  private void cancelRunning() {
    List<FlowRun> sleeping = await(client.filterFlowRuns(
        BenchDeployments.runsOf(List.of(deployments.get(RunKind.CANCELLED)), StateType.RUNNING)));
    for (FlowRun run : sleeping) {
      OrchestrationResult result = await(client.setFlowRunState(run.id(),
          State.of(StateType.CANCELLING, "Cancelled by the soak."), false));
      if (result.accepted()) {
        cancelled++;
      }
    }
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
