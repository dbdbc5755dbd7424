package dev.ferry.bench;

import dev.ferry.model.StateType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of run a soak mixes, each a deployment of its own on a process block, and the final state each must
 * end in. Of every 200 runs: one prints {@link #LOUD_LINES} log lines, two sleep until the soak cancels them,
 * twenty fail (half a command's exit status, half a Python flow that raises), eighty are trivial Python flows run
 * by the ferry launcher, and the rest run {@code true}.
 */
enum RunKind {
  PYTHON(null, Map.of(), StateType.COMPLETED),
  COMMAND(List.of("true"), Map.of(), StateType.COMPLETED),
  PYTHON_FAILING(null, Map.of("SOAK_FAIL", "1"), StateType.FAILED),
  COMMAND_FAILING(List.of("sh", "-c", "exit 3"), Map.of(), StateType.FAILED),
  CANCELLED(List.of("sleep", "600"), Map.of(), StateType.CANCELLED),
  LOUD(List.of("sh", "-c", "seq " + RunKind.LOUD_LINES + " | sed \"s/^/$PREFECT__FLOW_RUN_ID line /\""), Map.of(),
      StateType.COMPLETED);

  /** How many lines a loud run prints: {@code RUNID line 1} to {@code RUNID line 10000}. */
  static final int LOUD_LINES = 10_000;
  /** What {@code flow.py:main} of the Python kinds runs: nothing, or a failure when the block's env says so. */
  static final String FLOW = """
      import os

      def main():
          if os.environ.get("SOAK_FAIL"):
              raise RuntimeError("this soak flow fails on purpose")
      """;

  /** The process block's command; null runs the ferry launcher on {@link #FLOW}. */
  final List<String> command;
  final Map<String, String> env;
  /** The final state a run of this kind must end in. */
  final StateType end;

  RunKind(List<String> command, Map<String, String> env, StateType end) {
    this.command = command;
    this.env = env;
    this.end = end;
  }

  /** The kind of the soak's run number {@code index}, counted from 0. */
  static RunKind of(int index) {
    int place = index % 200;
    if (place == 0) {
      return LOUD;
    }
    if (place == 50 || place == 150) {
      return CANCELLED;
    }
    if (place % 20 == 5) {
      return COMMAND_FAILING;
    }
    if (place % 20 == 15) {
      return PYTHON_FAILING;
    }
    return place % 2 == 1 ? PYTHON : COMMAND;
  }

  String deploymentName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
