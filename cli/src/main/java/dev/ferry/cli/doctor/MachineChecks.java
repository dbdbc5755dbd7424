package dev.ferry.cli.doctor;

import dev.ferry.doctor.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What this machine has for ferry whatever the infrastructure: Java, Python (and Prefect), a writable home. */
final class MachineChecks {
  /** Asks the interpreter its version, its path and the version of the prefect it can import ("-" for none). */
  private static final String PYTHON_PROBE = String.join("\n",
      "import sys",
      "print(sys.version.split()[0])",
      "print(sys.executable)",
      "try:",
      "    import prefect",
      "    print(getattr(prefect, '__version__', '?'))",
      "except Exception:",
      "    print('-')");
  private static final long GIB = 1024L * 1024 * 1024;

  private MachineChecks() {}

  static Check java() {
    return Check.ok("Java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
  }

  /** Python runs the flows' launcher and reads flows at build time; prefect is optional, but not the wrong one. */
  static List<Check> python(String python) {
    List<String> answer;
    try {
      Process process = new ProcessBuilder(python, "-c", PYTHON_PROBE).redirectErrorStream(true).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) { // what it prints is a few lines: the pipe holds them meanwhile
        process.destroyForcibly();
        return List.of(Check.failed(python, "did not answer in 60 s", "check that " + python + " starts at all"));
      }
      String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        return List.of(Check.failed(python, "does not run: " + printed,
            "reinstall Python 3, or put a working python3 first on the PATH"));
      }
      answer = printed.lines().toList();
    } catch (IOException e) {
      return List.of(Check.failed(python, "not found on the PATH",
          "install Python 3 (e.g. apt-get install python3): ferry reads flows and launches them with it"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of(Check.failed(python, "interrupted", null));
    }
    List<Check> checks = new ArrayList<>(List.of(Check.ok(python, answer.get(0) + " (" + answer.get(1) + ")")));
    checks.add(prefect(python, answer.get(2)));
    return checks;
  }

  private static Check prefect(String python, String version) {
    String subject = "prefect";
    if (version.equals("-")) {
      return Check.warning(subject, "not importable by " + python + ": flows run on ferry's launcher, which stands in"
          + " for Prefect's @flow", "none needed; to run Prefect flows on Prefect's engine instead,"
          + " pip install 'prefect>=2.7,<3'");
    }
    if (!version.startsWith("2.")) {
      return Check.failed(subject, version + " is importable by " + python + ", and its engine does not speak the"
          + " Prefect 2.7 API ferry serves", "install Prefect 2 for this interpreter: pip install 'prefect>=2.7,<3'");
    }
    return Check.ok(subject, version + ": Prefect flows run on Prefect's engine");
  }

  /** The agent keeps runs' folders and the embedded database there. */
  static Check home(Path home) {
    String subject = "FERRY_HOME " + home;
    try {
      Files.createDirectories(home);
      Files.delete(Files.createTempFile(home, ".doctor", ".probe"));
      long free = Files.getFileStore(home).getUsableSpace();
      String finding = String.format("writable, %.1f GiB free", free / (double) GIB);
      return free < GIB ? Check.warning(subject, finding, "free some space: every run's code is copied there")
          : Check.ok(subject, finding);
    } catch (IOException e) {
      return Check.failed(subject, "not writable (" + e.getMessage() + ")",
          "set FERRY_HOME to a folder this user can write, or mend its permissions");
    }
  }
}
