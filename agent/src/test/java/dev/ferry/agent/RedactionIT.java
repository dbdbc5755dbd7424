package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import dev.ferry.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The API key a run is given never shows in the agent's log nor in the run's shipped log. */
class RedactionIT extends AgentTest {
  private static final String KEY = "pk-very-secret-4711";

  @Override
  protected ServerOptions serverOptions() {
    ServerOptions embedded = super.serverOptions();
    return new ServerOptions(embedded.databaseUrl(), embedded.host(), 0, KEY, embedded.services());
  }

  @Test
  void aFlowPrintingItsApiKeyShowsStarsInBothLogs() {
    ListAppender<ILoggingEvent> agentLog = new ListAppender<>();
    agentLog.start();
    ((Logger) LoggerFactory.getLogger("ferry.agent")).addAppender(agentLog);
    client.close();
    client = new OrchestrationClient(vertx, server.apiUrl(), KEY);
    Deployment deployment = Fixtures.processDeployment(client, "leaky", "leaky",
        List.of("sh", "-c", "echo the key is $PREFECT_API_KEY"), null);
    UUID run = Fixtures.scheduleRun(client, deployment).id();

    agent = await(Agent.start(vertx, client, KEY, options("leaky").build()));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(run) == StateType.COMPLETED);

    assertThat(lines(run)).contains("the key is **********").noneMatch(line -> line.contains(KEY));
    assertThat(agentLog.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains("the key is **********")).noneMatch(line -> line.contains(KEY));
  }

  @Test
  void whatWasLaunchedIsRecordedOnTheRunWithTheKeyMasked() throws Exception {
    client.close();
    client = new OrchestrationClient(vertx, server.apiUrl(), KEY);
    Deployment deployment = Fixtures.processDeployment(client, "recorded", "recorded", List.of("true"), null);
    UUID run = Fixtures.scheduleRun(client, deployment).id();

    agent = await(Agent.start(vertx, client, KEY, options("recorded").build()));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(run) == StateType.COMPLETED);

    HttpRequest read = HttpRequest.newBuilder(URI.create(server.apiUrl() + "/ferry/flow_runs/" + run + "/launch"))
        .header("Authorization", "Bearer " + KEY).build();
    HttpResponse<String> answer = Awaitility.await().atMost(Duration.ofSeconds(10)) // the agent does not wait for it
        .until(() -> HttpClient.newHttpClient().send(read, HttpResponse.BodyHandlers.ofString()),
            response -> response.statusCode() == 200);
    JsonNode launch = Json.MAPPER.readTree(answer.body()).path("launch");
    assertThat(launch.path("infrastructure").asText()).isEqualTo("process");
    assertThat(launch.at("/launch/argv").toString()).isEqualTo("[\"true\"]");
    assertThat(launch.at("/launch/env/PREFECT_API_KEY").asText()).isEqualTo("**********");
    assertThat(answer.body()).doesNotContain(KEY);
  }
}
