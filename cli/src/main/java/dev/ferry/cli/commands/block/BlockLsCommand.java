package dev.ferry.cli.commands.block;

import dev.ferry.cli.ApiOptions;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.Tables;
import dev.ferry.json.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry block ls}: the saved (named) blocks as a table. */
@Command(name = "ls", description = "List saved blocks.")
public final class BlockLsCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Mixin ApiOptions api;

  public BlockLsCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    try (ApiSession session = ApiSession.open(environment.settings(api.apiUrl()))) {
      var documents = ApiSession.await(session.client().filterBlockDocuments(Json.object()));
      Tables.print(environment.out(), List.of("BLOCK", "ID"), documents.stream()
          .map(d -> List.of(d.typeSlug() + "/" + d.name(), d.id().toString())).toList());
    }
    return 0;
  }
}
