package dev.ferry.cli.commands.flowrun;

import dev.ferry.cli.ApiOptions;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.json.Json;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry flow-run inspect}: a flow run as JSON. */
@Command(name = "inspect", description = "Show a flow run as JSON.")
public final class FlowRunInspectCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Mixin ApiOptions api;

  @Parameters(index = "0", paramLabel = "ID")
  UUID id;

  public FlowRunInspectCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    try (ApiSession session = ApiSession.open(environment.settings(api.apiUrl()))) {
      var run = ApiSession.await(session.client().readFlowRun(id));
      environment.out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(run));
    }
    return 0;
  }
}
