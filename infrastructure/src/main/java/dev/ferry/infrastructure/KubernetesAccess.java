package dev.ferry.infrastructure;

import java.util.List;

/**
 * What the {@code kubernetes-job} runner asks of the Kubernetes API, as RBAC rules: the Role that
 * {@code ferry kubernetes manifest agent} prints grants exactly these in the agent's namespace, and
 * the runner's tests check that every request it makes is one of them. Reading the
 * {@code kube-system} namespace (whose uid names the cluster in an infrastructure pid) is the one
 * cluster-wide read, granted by a ClusterRole of its own unless {@code PREFECT_KUBERNETES_CLUSTER_UID}
 * is set.
 */
public final class KubernetesAccess {
  /** The rules of the agent's Role in the namespace its Jobs run in. */
  public static final List<Rule> NAMESPACED = List.of(
      new Rule("batch", "jobs", List.of("create", "delete", "get", "list", "watch"), List.of()),
      new Rule("", "pods", List.of("get", "list", "watch"), List.of()),
      new Rule("", "pods/log", List.of("get"), List.of()));

  /** The rule of the agent's ClusterRole: the cluster's id. */
  public static final Rule CLUSTER_ID = new Rule("", "namespaces", List.of("get"), List.of("kube-system"));

  private KubernetesAccess() {}

  /**
   * One RBAC rule: the verbs allowed on a resource of an API group ("" is the core group), on the
   * objects of {@code resourceNames} only when it is not empty.
   */
  public record Rule(String apiGroup, String resource, List<String> verbs, List<String> resourceNames) {
    /** Whether the rule allows {@code verb} on {@code resource} of {@code apiGroup} (named {@code name}, or null). */
    public boolean allows(String apiGroup, String resource, String verb, String name) {
      return this.apiGroup.equals(apiGroup) && this.resource.equals(resource) && verbs.contains(verb)
          && (resourceNames.isEmpty() || resourceNames.contains(name));
    }
  }
}
