package dev.ferry.cli.commands;

import dev.ferry.agent.Agent;
import dev.ferry.agent.AgentOptions;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.BlockDocuments;
import dev.ferry.cli.deploy.BuildRequest;
import dev.ferry.cli.deploy.CodeUpload;
import dev.ferry.cli.deploy.DeploymentApplier;
import dev.ferry.cli.deploy.DeploymentBuilder;
import dev.ferry.cli.deploy.DeploymentRuns;
import dev.ferry.cli.deploy.FlowInspector;
import dev.ferry.cli.deploy.RunFollower;
import dev.ferry.error.FerryException;
import dev.ferry.json.Json;
import dev.ferry.manifest.DeploymentManifest;
import dev.ferry.manifest.ManifestYaml;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import dev.ferry.settings.FerrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code ferry quickstart}: the whole path on one machine. Writes the example flow, builds and
 * applies its deployment, starts a run, runs an agent once, and prints the run's logs and state.
 */
@Command(name = "quickstart", description = "Build, apply and run the bundled example flow, start to finish.")
public final class QuickstartCommand extends ApiCommand {
  private static final String QUEUE = "quickstart";

  public QuickstartCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws IOException {
    PrintStream out = out();
    FerrySettings settings = session.settings();
    Path project = writeExample(settings.home().resolve("quickstart"));
    out.println("1/4 The example flow is " + project.resolve("hello.py"));
    out.println("    API: " + (settings.embedded() ? "embedded, on " + settings.database() : settings.apiUrl()));
    BuildRequest request = new BuildRequest("hello.py:hello", "quickstart", QUEUE, List.of("quickstart"), null,
        Path.of("hello-deployment.yaml"), null, null, List.of(), List.of("name=ferry"), null, null, false, null);
    DeploymentBuilder builder = new DeploymentBuilder(project, new FlowInspector(AgentOptions.PYTHON),
        new BlockDocuments(session.client()), out, new CodeUpload(out, false));
    DeploymentManifest manifest = builder.build(request);
    ManifestYaml.write(manifest, builder.output(request));
    Deployment deployment = new DeploymentApplier(session.client()).apply(manifest, request.output().toString());
    out.println("2/4 Built and applied deployment 'hello/quickstart' (manifest: " + builder.output(request) + ")");

    FlowRun run = DeploymentRuns.startNow(session.client(), deployment.id(), Json.object());
    out.println("3/4 Created flow run '" + run.name() + "' (" + run.id() + ")");

    AgentOptions options = AgentOptions.of(List.of(QUEUE), settings.home().resolve("runs")).runOnce(true).build();
    Agent agent = ApiSession.await(Agent.start(session.vertx(), session.client(), settings.apiKey(), options));
    try {
      ApiSession.await(agent.runOnce());
    } finally {
      ApiSession.await(agent.stop());
    }
    out.println("4/4 An agent ran it. Its logs:");
    new RunFollower(session.vertx(), session.client(), out).printNewLogs(run.id());
    FlowRun done = ApiSession.await(session.client().readFlowRun(run.id()));
    out.println(DeploymentRuns.describeEnd(done));
    if (done.stateType() == StateType.COMPLETED) {
      out.println("Next: edit " + project.resolve("hello.py") + ", then 'ferry deployment run hello/quickstart --watch'"
          + " with 'ferry agent start -q " + QUEUE + "' running.");
      return 0;
    }
    return 1;
  }

  private static Path writeExample(Path project) throws IOException {
    Files.createDirectories(project);
    Path flow = project.resolve("hello.py");
    if (!Files.exists(flow)) {
      try (InputStream example = QuickstartCommand.class.getResourceAsStream("/dev/ferry/cli/quickstart/hello.py")) {
        if (example == null) {
          throw new FerryException("The example flow is missing from the ferry jar");
        }
        Files.write(flow, example.readAllBytes());
      }
    }
    return project;
  }
}
