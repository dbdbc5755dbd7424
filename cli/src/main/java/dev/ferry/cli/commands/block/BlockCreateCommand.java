package dev.ferry.cli.commands.block;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockDefinition;
import dev.ferry.blocks.BlockFields;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.BlockDocuments;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.YamlFile;
import dev.ferry.model.BlockDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry block create}: saves a block from {@code --set} pairs or a YAML file of its fields. */
@Command(name = "create", description = "Save a block: ferry block create process local --set command='[\"python\", \"main.py\"]'")
public final class BlockCreateCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "TYPE", description = "The block type slug, e.g. process, local-file-system.")
  String slug;

  @Parameters(index = "1", paramLabel = "NAME")
  String name;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A field value; JSON for lists, maps and booleans.")
  List<String> values = new ArrayList<>();

  @Option(names = {"-f", "--file"}, description = "A YAML file of field values.")
  Path file;

  @Option(names = "--overwrite", description = "Replace the fields of the block if it exists (rotated credentials,"
      + " a new image): the deployments that use it see them at their next run.")
  boolean overwrite;

  private ObjectNode data;

  public BlockCreateCommand(CliEnvironment environment) {
    super(environment);
  }

  /** Builds the fields before a session opens: a mistake in the file or a --set is said without calling the API. */
  @Override
  public Integer call() throws Exception {
    data = fields();
    return super.call();
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    BlockDocuments blocks = new BlockDocuments(session.client());
    BlockDocument replaced = overwrite ? blocks.replace(slug, name, data) : null;
    if (replaced != null) {
      out().println("Replaced the fields of block '" + slug + "/" + name + "' (id '" + replaced.id() + "').");
      return 0;
    }
    BlockDocument saved = blocks.create(slug, name, data);
    out().println("Created block '" + slug + "/" + name + "' with id '" + saved.id() + "'.");
    return 0;
  }

  /** The block's fields: its type's defaults, then the file's values, then the --set pairs. */
  private ObjectNode fields() {
    BlockDefinition definition = BlockCatalog.bySlug(slug);
    ObjectNode merged = BlockDocuments.defaults(definition);
    BlockFields fields = definition.blockFields();
    if (file != null) {
      fromFile(fields).properties().forEach(e -> {
        fields.requireField(e.getKey());
        merged.set(e.getKey(), e.getValue());
      });
    }
    for (String pair : values) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("--set '" + pair + "' is not KEY=VALUE (for example basepath=/srv/flows)");
      }
      merged.set(pair.substring(0, eq), fields.parse(pair.substring(0, eq), pair.substring(eq + 1)));
    }
    return merged;
  }

  private ObjectNode fromFile(BlockFields fields) {
    return YamlFile.read(environment.workingDir(), file, "Block file " + file + " does not exist")
        .readMapping(ObjectNode.class, "a block file is a mapping of field names to values; the fields of block type '"
            + slug + "' are: " + String.join(", ", fields.names()));
  }
}
