package dev.ferry.cli.commands.server;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ShutdownSignal;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import dev.ferry.server.services.ServiceSettings;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry server start}: serves the orchestration API until stopped. */
@Command(name = "start", description = "Serve the orchestration API (Prefect 2.7 REST subset) under /api.")
public final class ServerStartCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST, description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "4200", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--database-url", paramLabel = "JDBC_URL",
      description = "jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB (default: SQLite at $FERRY_HOME/ferry.db).")
  String databaseUrl;

  public ServerStartCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    String url = databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + environment.settings(null).database();
    ShutdownSignal shutdown = new ShutdownSignal();
    Vertx vertx = Vertx.vertx();
    String apiKey = environment.env().get(ServerOptions.API_KEY_ENV);
    var options = new ServerOptions(url, host, port, apiKey == null || apiKey.isBlank() ? null : apiKey,
        ServiceSettings.DEFAULTS);
    try (FerryServer server = FerryServer.start(vertx, options)) {
      environment.out().println("Ferry API listening at " + server.apiUrl()
          + (options.apiKey() == null ? "" : " (API key required)"));
      environment.out().println("Point clients and agents at it with: export PREFECT_API_URL=" + server.apiUrl());
      environment.out().println("The dashboard is at " + server.dashboardUrl());
      shutdown.await();
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
