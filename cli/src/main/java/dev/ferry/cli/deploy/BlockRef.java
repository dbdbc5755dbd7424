package dev.ferry.cli.deploy;

import dev.ferry.error.InvalidInputException;

/** A reference to a saved block, {@code TYPE/NAME}, with an optional sub-path for storage: {@code TYPE/NAME/sub/path}. */
public record BlockRef(String slug, String name, String subPath) {
  public static BlockRef parse(String text, String option) {
    String[] parts = text.split("/", 3);
    if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new InvalidInputException(option + " '" + text + "' is not TYPE/NAME (for example process/local)");
    }
    return new BlockRef(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  @Override
  public String toString() {
    return slug + "/" + name;
  }
}
