package dev.ferry.cli.commands.deployment;

import dev.ferry.cli.ApiOptions;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment inspect}: a deployment as JSON. */
@Command(name = "inspect", description = "Show a deployment as JSON.")
public final class DeploymentInspectCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Mixin ApiOptions api;

  @Parameters(index = "0", paramLabel = "FLOW/DEPLOYMENT")
  String deployment;

  public DeploymentInspectCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    try (ApiSession session = ApiSession.open(environment.settings(api.apiUrl()))) {
      var found = DeploymentRef.read(session.client(), deployment);
      environment.out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(found));
    }
    return 0;
  }
}
