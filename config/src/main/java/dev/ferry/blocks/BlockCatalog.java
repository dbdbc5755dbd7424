package dev.ferry.blocks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** The block types ferry ships, read once from {@code dev/ferry/blocks/catalog.json}. */
public final class BlockCatalog {
  private static final List<BlockDefinition> BUILT_IN = load();

  private BlockCatalog() {}

  public static List<BlockDefinition> all() {
    return BUILT_IN;
  }

  /** The built-in definition of a slug, or an error that lists the known ones. */
  public static BlockDefinition bySlug(String slug) {
    return BUILT_IN.stream()
        .filter(d -> d.slug().equals(slug))
        .findFirst()
        .orElseThrow(() -> new InvalidInputException("Unknown block type '" + slug + "'. Known block types: "
            + BUILT_IN.stream().map(BlockDefinition::slug).collect(Collectors.joining(", "))));
  }

  private static List<BlockDefinition> load() {
    try (InputStream in = BlockCatalog.class.getResourceAsStream("catalog.json")) {
      return List.copyOf(Json.MAPPER.readValue(in, new TypeReference<List<BlockDefinition>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("The built-in block catalog cannot be read", e);
    }
  }
}
