package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import dev.ferry.testing.Reference;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Against a plain Prefect API, the agent sends what Prefect 2.7.12's agent and engine sent in the
 * recorded session: the same paths, and bodies whose keys Prefect's client also sends (Prefect's
 * server rejects keys it does not know); and the deployments filter its server was recorded answering.
 */
class PrefectProtocolIT extends AgentTest {
  @Test
  void everyRequestOfTheAgentHasAPathAndBodyKeysPrefectsOwnClientSent() throws Exception {
    Deployment deployment = Fixtures.processDeployment(client, "compat", "compat", List.of("echo", "hello"), null);
    UUID run = Fixtures.scheduleRun(client, deployment).id();
    List<Fixtures.Sent> sent = new ArrayList<>();
    URI prefect = Fixtures.prefectOnly(vertx, server.apiUrl(), sent);
    OrchestrationClient agentClient = new OrchestrationClient(vertx, prefect, null);
    startAgent(agentClient, options("compat").queryInterval(Duration.ofMillis(300)));

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(run) == StateType.COMPLETED);
    await(agent.stop());
    agent = null;

    Map<String, Set<String>> recorded = recordedKeys();
    List<String> strangers = new ArrayList<>();
    synchronized (sent) {
      for (Fixtures.Sent request : sent) {
        String route = route(request.method(), request.uri());
        Set<String> keys = request.body().isBlank() ? Set.of() : keys(Json.tree(request.body()), "");
        if (!recorded.containsKey(route)) {
          strangers.add(route + " was never sent by Prefect");
        } else if (!recorded.get(route).containsAll(keys)) {
          Set<String> extra = new TreeSet<>(keys);
          extra.removeAll(recorded.get(route));
          strangers.add(route + " sends keys Prefect never sent: " + extra);
        }
      }
    }
    assertThat(sent).extracting(request -> route(request.method(), request.uri()))
        .contains("POST /api/work_queues/{id}/get_runs", "POST /api/flow_runs/{id}/set_state",
            "PATCH /api/flow_runs/{id}");
    assertThat(strangers).isEmpty();
  }

  /**
   * Every route of the recorded session, with every body key Prefect's client sent to it; and the deployments
   * filters Prefect's server was recorded answering (deployments.json), as an agent that starts sends one to
   * find the deployments of its queues.
   */
  private static Map<String, Set<String>> recordedKeys() throws Exception {
    Map<String, Set<String>> keys = new HashMap<>();
    for (String line : Reference.lines("agent-session-capture.jsonl")) {
      JsonNode exchange = Json.tree(line);
      String body = exchange.get("req_body").asText();
      Set<String> sentKeys = keys.computeIfAbsent(route(exchange.get("method").asText(), exchange.get("path").asText()),
          route -> new TreeSet<>());
      if (!body.isBlank()) {
        sentKeys.addAll(keys(Json.tree(body), ""));
      }
    }
    for (JsonNode exchange : Json.tree(Reference.text("deployments.json"))) {
      if (exchange.get("path").asText().equals("/api/deployments/filter") && exchange.get("status").asInt() == 200
          && exchange.get("request_body").isObject()) {
        keys.computeIfAbsent("POST /api/deployments/filter", route -> new TreeSet<>())
            .addAll(keys(exchange.get("request_body"), ""));
      }
    }
    return keys;
  }

  /** The method and path with ids and names made placeholders, and the query's names kept. */
  private static String route(String method, String uri) {
    String path = uri.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}")
        .replaceAll("/name/[^/?]+(/[^/?]+)?", "/name/{name}").replaceAll("=[^&]*", "=");
    return method + " " + path;
  }

  /** The paths of all object keys in a body, {@code state.state_details.flow_run_id}; list items as {@code []}. */
  private static Set<String> keys(JsonNode node, String at) {
    Set<String> keys = new TreeSet<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
        keys.add(path);
        if (!Set.of("parameters", "data", "infra_overrides", "env").contains(field.getKey())) {
          keys.addAll(keys(field.getValue(), path));
        }
      });
    } else if (node.isArray()) {
      node.forEach(item -> keys.addAll(keys(item, at + "[]")));
    }
    return keys;
  }
}
