package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code /health}, {@code /ready} and {@code /metrics} on the agent's health port say what the agent is doing. */
class HealthIT extends AgentTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  protected ServerOptions serverOptions() {
    return restartable();
  }

  @Test
  void healthIsAliveReadyFollowsTheApiAndMetricsCountTheRunsAndWhatWaitsForTheApi() throws Exception {
    Deployment deployment = Fixtures.processDeployment(client, "healthy", "healthy", List.of("true"), null);
    Path gate = dir.resolve("gate");
    Deployment gated = Fixtures.processDeployment(client, "gated", "healthy",
        List.of("sh", "-c", "while [ ! -e '" + gate + "' ]; do sleep 0.1; done; echo through the gate"), null);
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
        "ferry_agent_submission_seconds_count 1", "ferry_agent_seconds_since_last_poll",
        "ferry_agent_log_lines_pending 0.0", "ferry_agent_final_states_pending 0.0",
        "ferry_agent_event_loop_delay_seconds_count", "jvm_memory_used_bytes{area=\"heap\"",
        "jvm_threads_live_threads", "process_files_open_files");

    UUID waiting = Fixtures.scheduleRun(client, gated).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(waiting) == StateType.RUNNING);
    server.close();

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get("/ready").statusCode() == 503);
    assertThat(get("/health").statusCode()).as("alive while the API is away").isEqualTo(200);
    assertThat(get("/metrics").body()).doesNotContain("ferry_agent_api_errors_total 0.0");
    Files.createFile(gate);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> metric("ferry_agent_final_states_pending") == 1);
    assertThat(metric("ferry_agent_log_lines_pending")).as("the run's line waits too").isGreaterThanOrEqualTo(1);

    server = FerryServer.start(vertx, serverOptions());
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> state(waiting) == StateType.COMPLETED);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> metric("ferry_agent_final_states_pending") == 0
        && metric("ferry_agent_log_lines_pending") == 0);
  }

  /** The value of a metric without labels. */
  private double metric(String name) throws Exception {
    Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(get("/metrics").body());
    assertThat(value.find()).as(name + " in /metrics").isTrue();
    return Double.parseDouble(value.group(1));
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + agent.healthPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
