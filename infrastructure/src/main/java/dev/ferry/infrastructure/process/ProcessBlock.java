package dev.ferry.infrastructure.process;

import java.util.List;
import java.util.Map;

/** The fields of Prefect's {@code process} block. */
record ProcessBlock(
    String type,
    Map<String, String> env,
    Map<String, String> labels,
    String name,
    List<String> command,
    Boolean streamOutput,
    String workingDir) {

  boolean streams() {
    return streamOutput == null || streamOutput;
  }
}
