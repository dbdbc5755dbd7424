package dev.ferry.cli;

import dev.ferry.json.Json;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
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

  /** Prints rows as a table, or the items themselves as a JSON list with {@code --output json}. */
  protected <T> void printList(OutputOptions output, List<T> items, List<String> header,
      Function<T, List<String>> row) throws Exception {
    if (output.format() == OutputOptions.Format.JSON) {
      printJson(items);
    } else {
      Tables.print(out(), header, items.stream().map(row).toList());
    }
  }

  /** Prints a value as indented JSON, for people and for scripts alike. */
  protected void printJson(Object value) throws Exception {
    out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
  }
}
