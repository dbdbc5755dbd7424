package dev.ferry.cli.commands.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.CodeUpload;
import dev.ferry.cli.deploy.DeploymentApplier;
import dev.ferry.manifest.DeploymentManifest;
import dev.ferry.manifest.ManifestYaml;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment apply}: registers manifests with the API. */
@Command(name = "apply", description = "Create or update deployments from manifests.")
public final class DeploymentApplyCommand extends ApiCommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Deployment manifests (YAML).")
  List<Path> files;

  @Option(names = "--upload", description = "Also upload the current folder to each manifest's storage block and path.")
  boolean upload;

  private List<DeploymentManifest> manifests;

  public DeploymentApplyCommand(CliEnvironment environment) {
    super(environment);
  }

  /** Reads the manifests before a session opens: a mistake in one is said without starting or calling the API. */
  @Override
  public Integer call() throws Exception {
    manifests = files.stream().map(file -> ManifestYaml.read(environment.workingDir(), file)).toList();
    return super.call();
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    if (upload) {
      manifests.forEach(manifest -> upload(session, manifest));
    }
    DeploymentApplier applier = new DeploymentApplier(session.client());
    for (int i = 0; i < files.size(); i++) {
      printApplied(out(), manifests.get(i), applier.apply(manifests.get(i), files.get(i).toString()));
    }
    return 0;
  }

  /** Uploads the current folder as {@code deployment build -sb} would have, to the block the manifest names. */
  private void upload(ApiSession session, DeploymentManifest manifest) {
    JsonNode id = manifest.storage() == null ? null : manifest.storage().get(DeploymentManifest.BLOCK_DOCUMENT_ID);
    if (id == null || id.isNull()) {
      out().println("Deployment '" + manifest.flowName() + "/" + manifest.name()
          + "' has no saved storage block: nothing uploaded (its agent reads the code from " + manifest.path() + ")");
      return;
    }
    BlockDocument block = ApiSession.await(session.client().readBlockDocument(UUID.fromString(id.asText()), true));
    new CodeUpload(out(), environment.terminal()).upload(block, environment.workingDir(), manifest.path());
  }

  static void printApplied(PrintStream out, DeploymentManifest manifest, Deployment deployment) {
    String name = manifest.flowName() + "/" + deployment.name();
    out.println("Deployment '" + name + "' applied with id '" + deployment.id() + "'.");
    out.println("Start a run with: ferry deployment run '" + name + "'");
    out.println("Runs go to work queue '" + deployment.workQueueName() + "': start an agent with: ferry agent start -q '"
        + deployment.workQueueName() + "'");
  }
}
