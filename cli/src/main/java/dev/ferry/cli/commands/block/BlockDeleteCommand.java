package dev.ferry.cli.commands.block;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.BlockDocuments;
import dev.ferry.cli.deploy.BlockRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry block delete TYPE/NAME}. */
@Command(name = "delete", description = "Delete a saved block.")
public final class BlockDeleteCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "TYPE/NAME")
  String block;

  public BlockDeleteCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    BlockRef ref = BlockRef.parse(block, "block");
    var document = new BlockDocuments(session.client()).read(ref, false);
    ApiSession.await(session.client().deleteBlockDocument(document.id()));
    out().println("Deleted block '" + ref + "'.");
    return 0;
  }
}
