package dev.ferry.cli.commands.storage;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.BlockDocuments;
import dev.ferry.cli.deploy.BlockRef;
import dev.ferry.cli.deploy.CodeUpload;
import dev.ferry.storage.IgnoreRules;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry storage push}: uploads a folder to a saved storage block, as {@code deployment build -sb} does. */
@Command(name = "push", description = "Upload a folder (what its .prefectignore keeps) to a storage block.")
public final class StoragePushCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "TYPE/NAME[/PATH]", description = "The block, and the path under its base.")
  String target;

  @Option(names = "--dir", description = "The folder to upload (default: the current one).")
  Path dir;

  public StoragePushCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    BlockRef ref = BlockRef.parse(target, "TYPE/NAME[/PATH]");
    Path project = environment.workingDir().resolve(dir == null ? Path.of("") : dir).normalize();
    if (IgnoreRules.writeDefaultIfMissing(project)) {
      out().println("Wrote a default " + IgnoreRules.FILE_NAME + " in " + project);
    }
    new CodeUpload(out(), environment.terminal())
        .upload(new BlockDocuments(session.client()).read(ref, true), project, ref.subPath());
    return 0;
  }
}
