package dev.ferry.cli.commands.block;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.BlockDocuments;
import dev.ferry.cli.deploy.BlockRef;
import dev.ferry.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry block inspect}: a saved block's fields as JSON, secrets hidden. */
@Command(name = "inspect", description = "Show a saved block's fields, secrets hidden.")
public final class BlockInspectCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "TYPE/NAME")
  String block;

  public BlockInspectCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var document = new BlockDocuments(session.client()).read(BlockRef.parse(block, "block"), false);
    var shown = Json.object().put("id", document.id().toString()).put("type", document.typeSlug())
        .put("name", document.name());
    shown.set("data", document.data());
    printJson(shown);
    return 0;
  }
}
