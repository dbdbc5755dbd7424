package dev.ferry.cli.commands.deployment;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.OutputOptions;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.Flow;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry deployment ls}: a table of deployments. */
@Command(name = "ls", description = "List deployments.")
public final class DeploymentLsCommand extends ApiCommand {
  @Mixin OutputOptions output;

  public DeploymentLsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    List<Deployment> deployments = ApiSession.await(session.client().filterDeployments(Json.object()));
    Map<UUID, String> flowNames = ApiSession.await(session.client().filterFlows(Json.object())).stream()
        .collect(Collectors.toMap(Flow::id, Flow::name));
    printList(output, deployments, List.of("NAME", "ID", "WORK QUEUE", "VERSION"),
        d -> List.of(flowNames.getOrDefault(d.flowId(), "?") + "/" + d.name(), d.id().toString(),
            String.valueOf(d.workQueueName()), String.valueOf(d.version())));
    return 0;
  }
}
