package dev.ferry.cli.commands.kubernetes;

import dev.ferry.infrastructure.KubernetesAccess;
import dev.ferry.infrastructure.KubernetesAccess.Rule;
import dev.ferry.json.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What runs a ferry agent in a Kubernetes namespace: a ServiceAccount; a Role with exactly what the
 * {@code kubernetes-job} runner asks of the API there ({@link KubernetesAccess}) and a ClusterRole to
 * read the cluster's id, each with its binding; and a Deployment of one agent with liveness and
 * readiness probes on its health port, the API key read from a Secret, and its own image named in
 * {@code FERRY_IMAGE} for the init containers that put a run's code into its pod. Written as YAML
 * the way kubectl writes it.
 *
 * @param queues the work queues the agent polls
 * @param namespace where everything goes
 * @param image the image that holds ferry (the repository's Dockerfile builds one)
 * @param apiUrl the orchestration API the agent talks to
 */
record AgentManifest(List<String> queues, String namespace, String image, String apiUrl) {
  static final String NAME = "ferry-agent";
  static final String API_KEY_SECRET = "ferry-api-key";
  static final int HEALTH_PORT = 8080;
  static final int DRAIN_SECONDS = 300;
  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final Map<String, Object> LABELS = Map.of("app.kubernetes.io/name", NAME);

  List<Map<String, Object>> objects() {
    return List.of(serviceAccount(), role(), binding("RoleBinding", "Role"), clusterRole(),
        binding("ClusterRoleBinding", "ClusterRole"), deployment());
  }

  /** The objects as one YAML stream, {@code ---} between them. */
  String yaml() {
    return objects().stream().map(Yaml::write).collect(Collectors.joining("---\n"));
  }

  private Map<String, Object> serviceAccount() {
    return object("v1", "ServiceAccount", metadata(NAME, true));
  }

  private Map<String, Object> role() {
    Map<String, Object> role = object(RBAC + "/v1", "Role", metadata(NAME, true));
    role.put("rules", KubernetesAccess.NAMESPACED.stream().map(AgentManifest::rule).toList());
    return role;
  }

  /** A ClusterRole, named for the namespace: agents of several namespaces each have their own. */
  private Map<String, Object> clusterRole() {
    Map<String, Object> role = object(RBAC + "/v1", "ClusterRole", metadata(NAME + "-" + namespace, false));
    role.put("rules", List.of(rule(KubernetesAccess.CLUSTER_ID)));
    return role;
  }

  private Map<String, Object> binding(String kind, String roleKind) {
    boolean namespaced = kind.equals("RoleBinding");
    String roleName = namespaced ? NAME : NAME + "-" + namespace;
    Map<String, Object> binding = object(RBAC + "/v1", kind, metadata(roleName, namespaced));
    binding.put("roleRef", map("apiGroup", RBAC, "kind", roleKind, "name", roleName));
    binding.put("subjects", List.of(map("kind", "ServiceAccount", "name", NAME, "namespace", namespace)));
    return binding;
  }

  private Map<String, Object> deployment() {
    Map<String, Object> container = map("name", "agent", "image", image, "args", args(), "env", env(),
        "ports", List.of(map("name", "health", "containerPort", HEALTH_PORT)),
        "livenessProbe", probe("/health", 3), "readinessProbe", probe("/ready", 1),
        "resources", map("requests", map("cpu", "100m", "memory", "128Mi"), "limits", map("memory", "512Mi")));
    Map<String, Object> pod = map("serviceAccountName", NAME, "terminationGracePeriodSeconds", DRAIN_SECONDS + 30,
        "securityContext", map("runAsNonRoot", true), "containers", List.of(container));
    Map<String, Object> deployment = object("apps/v1", "Deployment", metadata(NAME, true));
    deployment.put("spec", map("replicas", 1, "selector", map("matchLabels", LABELS),
        "strategy", map("type", "Recreate"),
        "template", map("metadata", map("labels", LABELS), "spec", pod)));
    return deployment;
  }

  private List<String> args() {
    List<String> args = new ArrayList<>(List.of("agent", "start"));
    queues.forEach(queue -> args.addAll(List.of("-q", queue)));
    args.addAll(List.of("--health-port", Integer.toString(HEALTH_PORT), "--drain-timeout",
        Integer.toString(DRAIN_SECONDS), "--log-format", "json"));
    return args;
  }

  private List<Map<String, Object>> env() {
    return List.of(
        map("name", "PREFECT_API_URL", "value", apiUrl),
        map("name", "PREFECT_API_KEY", "valueFrom", map("secretKeyRef",
            map("name", API_KEY_SECRET, "key", "api-key", "optional", true))),
        map("name", "FERRY_AGENT_NAME", "valueFrom", map("fieldRef", map("fieldPath", "metadata.name"))),
        map("name", "FERRY_IMAGE", "value", image));
  }

  private static Map<String, Object> probe(String path, int failureThreshold) {
    return map("httpGet", map("path", path, "port", "health"), "periodSeconds", 10,
        "failureThreshold", failureThreshold);
  }

  private static Map<String, Object> rule(Rule rule) {
    Map<String, Object> written = map("apiGroups", List.of(rule.apiGroup()), "resources", List.of(rule.resource()));
    if (!rule.resourceNames().isEmpty()) {
      written.put("resourceNames", rule.resourceNames());
    }
    written.put("verbs", rule.verbs());
    return written;
  }

  private Map<String, Object> metadata(String name, boolean namespaced) {
    return namespaced ? map("name", name, "namespace", namespace, "labels", LABELS)
        : map("name", name, "labels", LABELS);
  }

  private static Map<String, Object> object(String apiVersion, String kind, Map<String, Object> metadata) {
    return map("apiVersion", apiVersion, "kind", kind, "metadata", metadata);
  }

  /** A map of {@code keysAndValues} in their order, as kubectl prints an object's fields. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
