package dev.ferry.infrastructure;

/**
 * How launched infrastructure ended: its exit code, a sentence that says what happened, and whether
 * the infrastructure ended it rather than the run (a container killed for using more memory than its
 * limit), which makes the run CRASHED whatever its command.
 */
public record Exit(int code, String description, boolean crashed) {
  private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
      "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

  public Exit(int code, String description) {
    this(code, description, false);
  }

  /** An end the infrastructure caused, e.g. {@code was killed: out of memory (mem_limit 64m)}. */
  public static Exit crashed(int code, String description) {
    return new Exit(code, description, true);
  }

  /** Reads a shell-style exit status: above 128 means the process died of signal (status - 128). */
  public static Exit ofStatus(int status) {
    if (status > 128 && status - 128 < SIGNALS.length) {
      int signal = status - 128;
      return new Exit(status, "was killed by signal " + signal + " (" + SIGNALS[signal] + ")"
          + (signal == 9 ? ", which can mean it ran out of memory" : ""));
    }
    return new Exit(status, "exited with code " + status);
  }

  /** The end of a process another agent started: its exit status went to the system, not to this agent. */
  public static Exit unknown() {
    return new Exit(-1, "ended after the agent that started it had stopped, so its exit status is not known");
  }

  /** Whether the exit status is known; see {@link #unknown()}. */
  public boolean known() {
    return code >= 0;
  }

  public boolean succeeded() {
    return code == 0 && !crashed;
  }
}
