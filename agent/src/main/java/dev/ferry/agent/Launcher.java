package dev.ferry.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ferry launcher: a stdlib-only Python program, shipped in the jar, that runs a flow function and reports its states. */
public final class Launcher {
  private static final byte[] SOURCE = read();

  private Launcher() {}

  /** Where the launcher goes in a run's folder {@code dir}. */
  static Path file(Path dir) {
    return dir.resolve(".ferry").resolve("launcher.py");
  }

  /** Writes the launcher into {@code dir/.ferry/}; the file it wrote. Blocking. */
  public static Path install(Path dir) throws IOException {
    Path file = file(dir);
    Files.createDirectories(file.getParent());
    Files.write(file, SOURCE);
    return file;
  }

  /**
   * The interpreter {@code python} stands for, as a path: version managers (pyenv, asdf) put a
   * shell script first on the PATH that costs a few hundred milliseconds at every start, so the
   * agent asks once. Falls back to {@code python} itself when it cannot run. Blocking.
   */
  static String resolve(String python) {
    try {
      Process process = new ProcessBuilder(python, "-c", "import sys; print(sys.executable)")
          .redirectErrorStream(true).start();
      String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.waitFor() == 0 && !printed.isEmpty() && Files.isExecutable(Path.of(printed)) ? printed : python;
    } catch (IOException e) {
      return python;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return python;
    }
  }

  private static byte[] read() {
    try (InputStream in = Launcher.class.getResourceAsStream("launcher.py")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("The ferry launcher is missing from the jar", e);
    }
  }
}
