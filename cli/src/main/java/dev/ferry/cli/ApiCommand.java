package dev.ferry.cli;

import dev.ferry.json.Json;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that talks to the orchestration API: opens a session (embedded or remote) for {@link #run}, then closes it. */
public abstract class ApiCommand implements Callable<Integer> {
  protected final CliEnvironment environment;

  @Mixin protected ApiOptions api;

  protected ApiCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  /** Does the command's work with an open session; returns the exit code. */
  protected abstract int run(ApiSession session) throws Exception;

  @Override
  public Integer call() throws Exception {
    try (ApiSession session = ApiSession.open(environment.settings(api.apiUrl()))) {
      return run(session);
    }
  }

  protected PrintStream out() {
    return environment.out();
  }

  /** Prints a value as indented JSON, for people and for scripts alike. */
  protected void printJson(Object value) throws Exception {
    out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
  }
}
