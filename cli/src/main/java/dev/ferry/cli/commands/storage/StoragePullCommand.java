package dev.ferry.cli.commands.storage;

import static dev.ferry.cli.ApiSession.await;

import dev.ferry.agent.Launcher;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.DeploymentRef;
import dev.ferry.cli.deploy.TransferSummary;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.InvalidInputException;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.DeploymentCode;
import dev.ferry.storage.Transfer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry storage pull}: downloads a deployment's code into a folder, as the agent does for a
 * run. It needs only the API URL and key, so a container's entrypoint or a Kubernetes init
 * container can run it; there it also writes the ferry launcher, which runs the flow, beside the
 * code or alone (the code in the image).
 */
@Command(name = "pull", description = "Download the code of a flow run's deployment (or of a deployment) into a folder.")
public final class StoragePullCommand extends ApiCommand {
  @ArgGroup(multiplicity = "1")
  Source source;

  @Option(names = "--dest", required = true, description = "The folder to download into (created if missing).")
  Path dest;

  @Option(names = "--launcher", description = "Also write the ferry launcher into DEST/.ferry/, as the agent does for a"
      + " run (for a pod's init container).")
  boolean launcher;

  @Option(names = "--no-code", description = "Download no code: it is in the image (with --launcher, only the launcher"
      + " is written).")
  boolean noCode;

  /** Whose code: a flow run's deployment's, or a deployment's. */
  static final class Source {
    @Option(names = "--flow-run-id", paramLabel = "ID", required = true, description = "The flow run.")
    UUID flowRunId;

    @Option(names = "--deployment", paramLabel = "FLOW/DEPLOYMENT", required = true, description = "The deployment.")
    String deployment;
  }

  public StoragePullCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    Path target = environment.workingDir().resolve(dest).normalize();
    if (!noCode) {
      pullCode(session.client(), target);
    }
    if (launcher) {
      try {
        out().println("Wrote the ferry launcher to " + Launcher.install(target));
      } catch (IOException e) {
        throw new InvalidInputException("Cannot write the ferry launcher into " + target + ": " + e.getMessage()
            + "; give --dest a folder this user can write");
      }
    }
    return 0;
  }

  private void pullCode(OrchestrationClient client, Path target) {
    Deployment deployment = source.deployment != null ? DeploymentRef.read(client, source.deployment)
        : deploymentOf(client, source.flowRunId);
    BlockDocument storage = deployment.storageDocumentId() == null ? null
        : await(client.readBlockDocument(deployment.storageDocumentId(), true));
    long start = System.nanoTime();
    Transfer received = DeploymentCode.download(storage, deployment.path(), target, CodeCache.NONE);
    out().println(TransferSummary.line("Downloaded", received, System.nanoTime() - start,
        DeploymentCode.url(storage, deployment.path())) + " into " + target);
  }

  private static Deployment deploymentOf(OrchestrationClient client, UUID flowRunId) {
    FlowRun run = await(client.readFlowRun(flowRunId));
    if (run.deploymentId() == null) {
      throw new InvalidInputException("Flow run " + flowRunId + " has no deployment, so no code to pull");
    }
    return await(client.readDeployment(run.deploymentId()));
  }
}
