package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.infrastructure.KubernetesAccess;
import dev.ferry.json.Json;
import dev.ferry.json.Yaml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry kubernetes manifest agent} prints, as kubectl would, objects wired together: the
 * account, the Role with exactly what the kubernetes-job runner asks of the API, the ClusterRole
 * for the cluster's id, their bindings, and the agent's Deployment.
 */
class KubernetesManifestTest {
  private final String printed = print("kubernetes", "manifest", "agent", "-q", "prod", "-q", "etl", "--namespace",
      "flows", "--image", "registry.local/ferry:1.0", "--api-url", "http://ferry.flows.svc:4200/api");
  private final List<JsonNode> objects = parse(printed);

  @Test
  void theObjectsAreWiredTogetherInTheirNamespace() {
    assertThat(objects).extracting(object -> object.path("kind").asText())
        .containsExactly("ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "Deployment");
    assertThat(objects).filteredOn(object -> !object.path("kind").asText().startsWith("Cluster"))
        .allSatisfy(object -> assertThat(object.path("metadata").path("namespace").asText()).isEqualTo("flows"));
    JsonNode account = objects.get(0);
    for (int binding : new int[] {2, 4}) {
      assertThat(objects.get(binding).at("/roleRef/name").asText())
          .isEqualTo(objects.get(binding - 1).at("/metadata/name").asText());
      assertThat(objects.get(binding).at("/subjects/0/name").asText()).isEqualTo(account.at("/metadata/name").asText());
      assertThat(objects.get(binding).at("/subjects/0/namespace").asText()).isEqualTo("flows");
    }
    assertThat(objects.get(3).at("/metadata/name").asText()).as("one per namespace").isEqualTo("ferry-agent-flows");
  }

  @Test
  void theRolesGrantExactlyWhatTheRunnerAsks() {
    List<Map<String, Object>> expected = KubernetesAccess.NAMESPACED.stream().map(rule -> Map.<String, Object>of(
        "apiGroups", List.of(rule.apiGroup()), "resources", List.of(rule.resource()), "verbs", rule.verbs())).toList();
    assertThat(Json.MAPPER.convertValue(objects.get(1).path("rules"), List.class)).isEqualTo(expected);
    assertThat(objects.get(3).path("rules")).hasSize(1);
    assertThat(objects.get(3).at("/rules/0/resources/0").asText()).isEqualTo("namespaces");
    assertThat(objects.get(3).at("/rules/0/resourceNames/0").asText()).isEqualTo("kube-system");
    assertThat(objects.get(3).at("/rules/0/verbs").toString()).isEqualTo("[\"get\"]");
  }

  @Test
  void theAgentPollsItsQueuesWithProbesTheKeyAndItsImageForInitContainers() {
    JsonNode pod = objects.get(5).at("/spec/template/spec");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo(objects.get(0).at("/metadata/name").asText());
    JsonNode agent = pod.at("/containers/0");
    assertThat(agent.path("image").asText()).isEqualTo("registry.local/ferry:1.0");
    assertThat(strings(agent.path("args"))).containsSubsequence("agent", "start", "-q", "prod", "-q", "etl",
        "--health-port", "8080");
    assertThat(agent.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(agent.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
    assertThat(agent.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
    assertThat(agent.at("/livenessProbe/httpGet/port").asText()).isEqualTo(agent.at("/ports/0/name").asText());
    assertThat(env(agent, "PREFECT_API_URL").path("value").asText()).isEqualTo("http://ferry.flows.svc:4200/api");
    assertThat(env(agent, "PREFECT_API_KEY").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("ferry-api-key");
    assertThat(env(agent, "FERRY_IMAGE").path("value").asText()).isEqualTo("registry.local/ferry:1.0");
    assertThat(pod.path("terminationGracePeriodSeconds").asInt()).as("longer than the agent's drain")
        .isGreaterThan(300);
  }

  @Test
  void itIsWrittenAsKubectlWritesItWithoutNeedlessQuotes() {
    assertThat(printed).startsWith("apiVersion: v1\nkind: ServiceAccount\n").contains("\n---\n")
        .containsPattern("\n *- name: FERRY_IMAGE\n *value: registry.local/ferry:1.0\n")
        .contains("optional: true").contains("containerPort: 8080").doesNotContain("\"apiVersion\"");
  }

  private static JsonNode env(JsonNode container, String name) {
    return StreamSupport.stream(container.path("env").spliterator(), false)
        .filter(env -> env.path("name").asText().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static String print(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CliEnvironment environment = new CliEnvironment(Map.of("FERRY_HOME", "unused"), Path.of("."),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(Main.run(environment, args)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<JsonNode> parse(String yaml) {
    try {
      return Yaml.MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
