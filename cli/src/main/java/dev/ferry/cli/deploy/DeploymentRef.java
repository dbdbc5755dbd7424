package dev.ferry.cli.deploy;

import dev.ferry.cli.ApiSession;
import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.InvalidInputException;
import dev.ferry.model.Deployment;
import io.vertx.core.Future;

/** Reads a deployment named {@code FLOW/DEPLOYMENT}, with errors that say how to find the right name. */
public final class DeploymentRef {
  private DeploymentRef() {}

  public static Deployment read(OrchestrationClient client, String ref) {
    int slash = ref.indexOf('/');
    if (slash <= 0 || slash == ref.length() - 1) {
      throw new InvalidInputException("'" + ref + "' is not FLOW/DEPLOYMENT (for example hello/dev)");
    }
    return ApiSession.await(client.readDeploymentByName(ref.substring(0, slash), ref.substring(slash + 1))
        .recover(error -> error instanceof ApiException api && api.notFound()
            ? Future.failedFuture(new InvalidInputException("Deployment '" + ref
                + "' does not exist; list deployments with 'ferry deployment ls'"))
            : Future.failedFuture(error)));
  }
}
