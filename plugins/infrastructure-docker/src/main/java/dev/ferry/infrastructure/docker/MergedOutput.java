package dev.ferry.infrastructure.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One stream for a container's stdout and stderr, in the order its command wrote them. The engine
 * reads the two from pipes of their own and logs whichever it reads first, so a line on stderr may
 * come before the stdout lines written ahead of it. A shell in front of the image's entrypoint makes
 * stderr a copy of stdout and then becomes the entrypoint ({@code exec}), which runs as it would
 * have, as process 1, with its signals; only an image without {@code /bin/sh} runs without it.
 */
final class MergedOutput {
  static final List<String> SHELL = List.of("/bin/sh", "-c", "exec \"$@\" 2>&1", "sh");

  private MergedOutput() {}

  /** The entrypoint that runs {@code imageEntrypoint} (the image's, possibly none) with stderr into stdout. */
  static List<String> entrypoint(List<String> imageEntrypoint) {
    List<String> entrypoint = new ArrayList<>(SHELL);
    entrypoint.addAll(imageEntrypoint);
    return entrypoint;
  }

  /** Whether created container {@code containerId} has the shell. */
  static boolean possible(DockerEngine engine, String containerId) {
    try {
      engine.call("HEAD", "/containers/" + containerId + "/archive?path=" + SHELL.get(0), Map.of()).close();
      return true;
    } catch (NotFoundException noShell) {
      return false;
    }
  }
}
