package dev.ferry.server;

import dev.ferry.server.services.ServiceSettings;
import java.nio.file.Path;

/**
 * How a server runs.
 *
 * @param databaseUrl {@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://HOST/DB}
 * @param host the address to bind; 127.0.0.1 unless told otherwise
 * @param port the port; 0 picks a free one
 * @param apiKey when set, every {@code /api} call must carry {@code Authorization: Bearer KEY}
 * @param services how the background services run
 */
public record ServerOptions(String databaseUrl, String host, int port, String apiKey, ServiceSettings services) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 4200;
  /** The environment variable that holds the server's API key. */
  public static final String API_KEY_ENV = "FERRY_SERVER_API_KEY";

  /** The embedded default: SQLite at a path, a free loopback port, no key. */
  public static ServerOptions embedded(Path database) {
    return new ServerOptions("jdbc:sqlite:" + database.toAbsolutePath(), DEFAULT_HOST, 0, null, ServiceSettings.DEFAULTS);
  }

  public ServerOptions withServices(ServiceSettings settings) {
    return new ServerOptions(databaseUrl, host, port, apiKey, settings);
  }
}
