package dev.ferry.cli.commands.deployment;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.DeploymentApplier;
import dev.ferry.manifest.DeploymentManifest;
import dev.ferry.manifest.ManifestYaml;
import dev.ferry.model.Deployment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment apply}: registers manifests with the API. */
@Command(name = "apply", description = "Create or update deployments from manifests.")
public final class DeploymentApplyCommand extends ApiCommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Deployment manifests (YAML).")
  List<Path> files;

  public DeploymentApplyCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    List<DeploymentManifest> manifests = files.stream()
        .map(file -> ManifestYaml.read(environment.workingDir().resolve(file))).toList();
    DeploymentApplier applier = new DeploymentApplier(session.client());
    for (int i = 0; i < files.size(); i++) {
      printApplied(out(), manifests.get(i), applier.apply(manifests.get(i), files.get(i).toString()));
    }
    return 0;
  }

  static void printApplied(PrintStream out, DeploymentManifest manifest, Deployment deployment) {
    String name = manifest.flowName() + "/" + deployment.name();
    out.println("Deployment '" + name + "' applied with id '" + deployment.id() + "'.");
    out.println("Start a run with: ferry deployment run '" + name + "'");
    out.println("Runs go to work queue '" + deployment.workQueueName() + "': start an agent with: ferry agent start -q '"
        + deployment.workQueueName() + "'");
  }
}
