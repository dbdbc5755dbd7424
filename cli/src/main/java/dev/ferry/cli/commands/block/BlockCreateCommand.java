package dev.ferry.cli.commands.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockDefinition;
import dev.ferry.blocks.BlockFields;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.BlockDocuments;
import dev.ferry.error.InvalidInputException;
import dev.ferry.model.BlockDocument;
import java.io.IOException;
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

  public BlockCreateCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    BlockDefinition definition = BlockCatalog.bySlug(slug);
    ObjectNode data = BlockDocuments.defaults(definition);
    BlockFields fields = definition.blockFields();
    if (file != null) {
      fromFile(fields).properties().forEach(e -> {
        fields.requireField(e.getKey());
        data.set(e.getKey(), e.getValue());
      });
    }
    for (String pair : values) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("--set '" + pair + "' is not KEY=VALUE (for example basepath=/srv/flows)");
      }
      data.set(pair.substring(0, eq), fields.parse(pair.substring(0, eq), pair.substring(eq + 1)));
    }
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

  private ObjectNode fromFile(BlockFields fields) {
    Path path = environment.workingDir().resolve(file);
    JsonNode parsed;
    try {
      parsed = new YAMLMapper().readTree(path.toFile());
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read block file " + path + ": " + e.getMessage(), e);
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw new InvalidInputException("Block file " + path + " is not a map of field names to values; its fields are: "
          + String.join(", ", fields.names()));
    }
    return object;
  }
}
