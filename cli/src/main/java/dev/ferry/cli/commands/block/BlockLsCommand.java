package dev.ferry.cli.commands.block;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.Tables;
import dev.ferry.json.Json;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ferry block ls}: the saved (named) blocks as a table. */
@Command(name = "ls", description = "List saved blocks.")
public final class BlockLsCommand extends ApiCommand {
  public BlockLsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var documents = ApiSession.await(session.client().filterBlockDocuments(Json.object()));
    Tables.print(out(), List.of("BLOCK", "ID"), documents.stream()
        .map(d -> List.of(d.typeSlug() + "/" + d.name(), d.id().toString())).toList());
    return 0;
  }
}
