package dev.ferry.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The recordings of the real Prefect 2.7.12 API, kept beside the repository in shared/reference. */
public final class Reference {
  private static final Path FOLDER = find();

  private Reference() {}

  public static Path file(String name) {
    return FOLDER.resolve(name);
  }

  private static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/reference/prefect-2.7.12");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/reference/prefect-2.7.12 is not beside the repository; tests need it");
  }
}
