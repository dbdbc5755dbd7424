package dev.ferry.cli.commands.block;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.OutputOptions;
import dev.ferry.json.Json;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry block ls}: the saved (named) blocks as a table. */
@Command(name = "ls", description = "List saved blocks.")
public final class BlockLsCommand extends ApiCommand {
  @Mixin OutputOptions output;

  public BlockLsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var documents = ApiSession.await(session.client().filterBlockDocuments(Json.object()));
    printList(output, documents, List.of("BLOCK", "ID"),
        d -> List.of(d.typeSlug() + "/" + d.name(), d.id().toString()));
    return 0;
  }
}
