package dev.ferry.cli;

import picocli.CommandLine.Option;

/** {@code --api}: the orchestration API to talk to. Without it (and without PREFECT_API_URL) ferry is embedded. */
public final class ApiOptions {
  @Option(names = "--api", paramLabel = "URL",
      description = "Orchestration API URL, e.g. http://127.0.0.1:4200/api (default: $PREFECT_API_URL; none: embedded)")
  String apiUrl;

  public String apiUrl() {
    return apiUrl;
  }
}
