package dev.ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Recordings of the real Prefect 2.7.12 API (requests and answers, manifests its CLI wrote), kept
 * as test resources in {@code config/src/test/resources/prefect-2.7.12}; its README says how they
 * were recorded.
 */
public final class Reference {
  private static final String FOLDER = "/prefect-2.7.12/";

  private Reference() {}

  /** The whole text of a recording, e.g. {@code text("hello-deployment.yaml")}. */
  public static String text(String name) {
    try (InputStream in = Reference.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No recording " + FOLDER + name + " on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A recording's lines, e.g. the exchanges of {@code agent-session-capture.jsonl}. */
  public static List<String> lines(String name) {
    return text(name).lines().toList();
  }
}
