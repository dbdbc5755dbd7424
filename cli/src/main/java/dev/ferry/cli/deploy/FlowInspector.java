package dev.ferry.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a flow's name and parameter schema from its Python source with Python's own parser
 * ({@code ast}), without importing the file, so the flow's dependencies need not be installed.
 */
public final class FlowInspector {
  /** What the source says about a flow. */
  public record FlowSignature(String flowName, JsonNode parameterSchema) {}

  private final String python;

  public FlowInspector(String python) {
    this.python = python;
  }

  public FlowSignature inspect(Path file, String function) {
    JsonNode answer = run(file, function);
    if (answer.has("error")) {
      String message = answer.get("message").asText();
      throw new InvalidInputException(switch (answer.get("error").asText()) {
        case "missing" -> file + " has no top-level function '" + function + "'; its functions are: " + message;
        default -> file + " " + message + "; fix the syntax error first";
      });
    }
    return new FlowSignature(answer.get("flow_name").asText(), answer.get("parameters"));
  }

  private JsonNode run(Path file, String function) {
    Path script = null;
    try (InputStream source = FlowInspector.class.getResourceAsStream("/dev/ferry/cli/inspect_flow.py")) {
      script = Files.createTempFile("ferry-inspect", ".py");
      Files.write(script, source.readAllBytes());
      Process process = new ProcessBuilder(python, script.toString(), file.toString(), function)
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new InvalidInputException("Cannot read " + file + " with " + python + ": " + output.strip());
      }
      return Json.tree(output);
    } catch (IOException e) {
      throw new InvalidInputException("Cannot run '" + python + "' to read " + file + ": " + e.getMessage()
          + "; install Python 3 or put it on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidInputException("Interrupted while reading " + file, e);
    } finally {
      deleteQuietly(script);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }
}
