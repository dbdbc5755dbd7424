package dev.ferry.cli.commands.block;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.OutputOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry block type ls}: the block types the server knows. */
@Command(name = "ls", description = "List the block types the server knows.")
public final class BlockTypeLsCommand extends ApiCommand {
  @Mixin OutputOptions output;

  public BlockTypeLsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var types = ApiSession.await(session.client().filterBlockTypes());
    printList(output, types, List.of("SLUG", "NAME", "DESCRIPTION"),
        t -> List.of(t.slug(), t.name(), t.description() == null ? "" : t.description()));
    return 0;
  }
}
