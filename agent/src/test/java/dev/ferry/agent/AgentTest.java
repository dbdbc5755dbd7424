package dev.ferry.agent;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.LogRecord;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ferry server in this JVM on a fresh SQLite database, and a client of it, for each test;
 * the agent a test starts is stopped after it.
 */
abstract class AgentTest {
  @TempDir Path dir;
  protected Vertx vertx;
  protected FerryServer server;
  protected OrchestrationClient client;
  protected Agent agent;

  private ServerOptions fixedPort;

  /** How the server runs: the embedded default unless a test says otherwise. */
  protected ServerOptions serverOptions() {
    return ServerOptions.embedded(dir.resolve("ferry.db"));
  }

  /** The embedded server on a port of its own, so that a test can stop it and start it again where it was. */
  protected final ServerOptions restartable() {
    if (fixedPort == null) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ServerOptions embedded = ServerOptions.embedded(dir.resolve("ferry.db"));
      fixedPort = new ServerOptions(embedded.databaseUrl(), embedded.host(), port, null, embedded.services());
    }
    return fixedPort;
  }

  @BeforeEach
  void startServer() {
    vertx = Vertx.vertx();
    server = FerryServer.start(vertx, serverOptions());
    client = new OrchestrationClient(vertx, server.apiUrl(), null);
  }

  @AfterEach
  void stopEverything() {
    if (agent != null) {
      await(agent.stop());
    }
    client.close();
    server.close();
    await(vertx.close());
  }

  /** The options of an agent on these queues, its runs' folders in the test's folder. */
  protected AgentOptions.Builder options(String... queues) {
    return AgentOptions.of(List.of(queues), dir.resolve("runs"));
  }

  /** Starts the test's agent, against the test's server unless told another client. */
  protected Agent startAgent(AgentOptions.Builder options) {
    return startAgent(client, options);
  }

  protected Agent startAgent(OrchestrationClient through, AgentOptions.Builder options) {
    agent = await(Agent.start(vertx, through, null, options.build()));
    return agent;
  }

  protected FlowRun read(UUID run) {
    return await(client.readFlowRun(run));
  }

  protected StateType state(UUID run) {
    return read(run).stateType();
  }

  /** The log lines the server has of a run. */
  protected List<String> lines(UUID run) {
    var filter = OrchestrationClient.filter("logs", "flow_run_id", "any_", Json.toTree(List.of(run)));
    return await(client.filterLogs(filter)).stream().map(LogRecord::message).toList();
  }

  static <T> T await(Future<T> future) {
    return Fixtures.await(future);
  }
}
