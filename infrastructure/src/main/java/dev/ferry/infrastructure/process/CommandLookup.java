package dev.ferry.infrastructure.process;

import dev.ferry.doctor.Check;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the program a process block's command starts, as the launch will: a bare name on the
 * agent's own PATH (the JVM looks programs up there, whatever PATH the block gives the run).
 */
final class CommandLookup {
  private CommandLookup() {}

  static Check check(String program) {
    String subject = "process command '" + program + "'";
    if (program.contains("/")) {
      Path path = Path.of(program);
      if (!path.isAbsolute()) {
        return Check.ok(subject, "a path in the run's folder, looked at when the run starts");
      }
      return Files.isExecutable(path) && !Files.isDirectory(path) ? Check.ok(subject, "executable")
          : Check.failed(subject, "not an executable file on this machine", "install it, or change the block's command");
    }
    String path = new ProcessBuilder().environment().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Check.ok(subject, "found at " + candidate);
      }
    }
    return Check.failed(subject, "not found on the agent's PATH",
        "install it, or give its full path as the first word of the block's command");
  }
}
