package dev.ferry.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The ferry launcher: a stdlib-only Python program, shipped in the jar, that runs a flow function and reports its states. */
final class Launcher {
  private static final byte[] SOURCE = read();

  private Launcher() {}

  /** Writes the launcher into {@code dir/.ferry/} and returns the argv that runs it. Blocking. */
  static List<String> install(Path dir, String python) throws IOException {
    Path file = dir.resolve(".ferry").resolve("launcher.py");
    Files.createDirectories(file.getParent());
    Files.write(file, SOURCE);
    return List.of(python, file.toString());
  }

  private static byte[] read() {
    try (InputStream in = Launcher.class.getResourceAsStream("launcher.py")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("The ferry launcher is missing from the jar", e);
    }
  }
}
