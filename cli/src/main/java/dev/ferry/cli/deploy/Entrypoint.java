package dev.ferry.cli.deploy;

import dev.ferry.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A flow entrypoint, {@code path/to/file.py:function}, with the path relative to the project folder. */
public record Entrypoint(String path, String function) {
  public static Entrypoint parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1 || !text.substring(0, colon).endsWith(".py")) {
      throw new InvalidInputException("Entrypoint '" + text + "' is not path/to/file.py:function_name");
    }
    return new Entrypoint(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The entrypoint's file in a project folder; missing is an error that names it. */
  public Path file(Path projectDir) {
    Path file = projectDir.resolve(path).normalize();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("Entrypoint file " + file + " does not exist; give the path to the flow's .py file"
          + " relative to " + projectDir);
    }
    return file;
  }

  @Override
  public String toString() {
    return path + ":" + function;
  }
}
