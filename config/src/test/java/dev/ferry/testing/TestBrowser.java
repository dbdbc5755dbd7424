package dev.ferry.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real browser for the dashboard's tests: Debian's Chromium (at {@code /usr/bin/chromium}, or where
 * {@code CHROMIUM} says), driven by Playwright under Node.js, so {@code node} and {@code npm} on the PATH.
 * .ci/run installs them; without them the browser tests are skipped with a message, or fail when
 * {@code CI=true}.
 */
public final class TestBrowser {
  public static final String CHROMIUM = "CHROMIUM";
  private static final String DEBIAN_CHROMIUM = "/usr/bin/chromium";

  private TestBrowser() {}

  /** The Chromium executable to launch, once node and npm are known to be there too. */
  public static Path chromium() {
    String configured = System.getenv(CHROMIUM);
    Path chromium = Path.of(configured == null || configured.isBlank() ? DEBIAN_CHROMIUM : configured);
    List<String> missing = new ArrayList<>();
    for (String program : List.of("node", "npm")) {
      if (!onPath(program)) {
        missing.add(program + " (Debian's nodejs and npm)");
      }
    }
    if (!Files.isExecutable(chromium)) {
      missing.add("chromium at " + chromium + " (Debian's chromium, or set " + CHROMIUM + ")");
    }
    if (!missing.isEmpty()) {
      String what = String.join(", ", missing);
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail("Missing under CI=true: " + what + "; .ci/run must install them");
      }
      Assumptions.abort("Browser tests skipped: install " + what + ", as .ci/run does");
    }
    return chromium;
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
