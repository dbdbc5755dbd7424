package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code /health}, {@code /ready} and {@code /metrics} on the agent's health port say what the agent is doing. */
class HealthIT extends AgentTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthIsAliveReadyFollowsTheApiAndMetricsCountTheRuns() throws Exception {
    Deployment deployment = Fixtures.processDeployment(client, "healthy", "healthy", List.of("true"), null);
    startAgent(options("healthy").queryInterval(Duration.ofMillis(300))
        .health(InetSocketAddress.createUnresolved("127.0.0.1", 0)));
    UUID run = Fixtures.scheduleRun(client, deployment).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(run) == StateType.COMPLETED);

    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/ready").statusCode()).isEqualTo(200);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> get("/metrics").body()
        .contains("ferry_agent_runs_finished_total{state=\"COMPLETED\"} 1.0"));
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("ferry_agent_claims_total 1.0", "ferry_agent_slots_in_use 0.0",
        "ferry_agent_submission_seconds_count 1", "ferry_agent_seconds_since_last_poll");

    server.close();

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get("/ready").statusCode() == 503);
    assertThat(get("/health").statusCode()).as("alive while the API is away").isEqualTo(200);
    assertThat(get("/metrics").body()).doesNotContain("ferry_agent_api_errors_total 0.0");
    server = dev.ferry.server.FerryServer.start(vertx, serverOptions());
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + agent.healthPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
