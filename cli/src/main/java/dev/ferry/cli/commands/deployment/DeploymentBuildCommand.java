package dev.ferry.cli.commands.deployment;

import dev.ferry.agent.AgentOptions;
import dev.ferry.cli.ApiOptions;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ScheduleOptions;
import dev.ferry.cli.deploy.BlockDocuments;
import dev.ferry.cli.deploy.BuildRequest;
import dev.ferry.cli.deploy.CodeUpload;
import dev.ferry.cli.deploy.DeploymentApplier;
import dev.ferry.cli.deploy.DeploymentBuilder;
import dev.ferry.cli.deploy.FlowInspector;
import dev.ferry.manifest.DeploymentManifest;
import dev.ferry.manifest.ManifestYaml;
import dev.ferry.model.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment build}: writes a deployment manifest from a flow entrypoint and flags. */
@Command(name = "build", description = "Write a deployment manifest (Prefect 2.7 YAML) for a flow entrypoint.")
public final class DeploymentBuildCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Mixin ApiOptions api;

  @Parameters(index = "0", paramLabel = "ENTRYPOINT", description = "The flow: path/to/file.py:function")
  String entrypoint;

  @Option(names = {"-n", "--name"}, required = true, description = "The deployment's name.")
  String name;

  @Option(names = {"-q", "--work-queue"}, description = "The work queue its runs go to (default: default).")
  String workQueue;

  @Option(names = {"-t", "--tag"}, description = "A tag for the deployment; repeatable.")
  List<String> tags = new ArrayList<>();

  @Option(names = {"-v", "--version"}, description = "The deployment's version (default: a hash of the flow file).")
  String version;

  @Option(names = {"-o", "--output"}, description = "Where to write the manifest (default: FUNCTION-deployment.yaml).")
  Path output;

  @Option(names = {"-ib", "--infra-block"}, paramLabel = "TYPE/NAME", description = "A saved infrastructure block.")
  String infrastructureBlock;

  @Option(names = {"-sb", "--storage-block"}, paramLabel = "TYPE/NAME[/PATH]", description = "A saved storage block.")
  String storageBlock;

  @Option(names = "--override", paramLabel = "KEY=VALUE", description = "An infrastructure override, e.g. env.LOG_LEVEL=DEBUG.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A default flow parameter; repeatable.")
  List<String> params = new ArrayList<>();

  @Option(names = "--params", paramLabel = "JSON", description = "Default flow parameters as a JSON object.")
  String paramsJson;

  @Option(names = "--path", description = "The folder under the storage block, or the local folder of the code.")
  String path;

  @Option(names = "--skip-upload", description = "Do not upload the project to the storage block.")
  boolean skipUpload;

  @Mixin ScheduleOptions schedule;

  @Option(names = {"-a", "--apply"}, description = "Apply the manifest right away.")
  boolean apply;

  public DeploymentBuildCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  private CodeUpload upload() {
    return new CodeUpload(environment.out(), environment.terminal());
  }

  @Override
  public Integer call() {
    BuildRequest request = new BuildRequest(entrypoint, name, workQueue, tags, version, output, infrastructureBlock,
        storageBlock, overrides, params, paramsJson, path, skipUpload, schedule.schedule());
    FlowInspector inspector = new FlowInspector(AgentOptions.PYTHON);
    if (!request.readsBlocks() && !apply) {
      write(new DeploymentBuilder(environment.workingDir(), inspector, null, environment.out(), upload()), request);
      return 0;
    }
    try (ApiSession session = ApiSession.open(environment.settings(api.apiUrl()))) {
      var builder = new DeploymentBuilder(environment.workingDir(), inspector, new BlockDocuments(session.client()),
          environment.out(), upload());
      DeploymentManifest manifest = write(builder, request);
      if (apply) {
        Deployment deployment = new DeploymentApplier(session.client()).apply(manifest, builder.output(request).toString());
        DeploymentApplyCommand.printApplied(environment.out(), manifest, deployment);
      }
    }
    return 0;
  }

  private DeploymentManifest write(DeploymentBuilder builder, BuildRequest request) {
    DeploymentManifest manifest = builder.build(request);
    Path file = builder.output(request);
    ManifestYaml.write(manifest, file);
    environment.out().println("Deployment YAML created at '" + file + "'.");
    return manifest;
  }
}
