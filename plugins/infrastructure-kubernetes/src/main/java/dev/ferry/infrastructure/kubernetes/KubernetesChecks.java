package dev.ferry.infrastructure.kubernetes;

import dev.ferry.doctor.Check;
import dev.ferry.infrastructure.KubernetesAccess;
import dev.ferry.infrastructure.KubernetesAccess.Rule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code ferry doctor} asks of a {@code kubernetes-job} block: the cluster answers (its version); the
 * agent may do in the Jobs' namespace all that the runner does ({@link KubernetesAccess}); the agent knows
 * the ferry image its pods pull the code with. Looks without creating anything.
 */
final class KubernetesChecks {
  private final KubernetesBlock block;
  private final Map<String, String> agentEnv;

  KubernetesChecks(KubernetesBlock block, Map<String, String> agentEnv) {
    this.block = block;
    this.agentEnv = agentEnv;
  }

  /** The findings on {@code cluster} for Jobs in {@code namespace}. */
  List<Check> checks(Cluster cluster, String namespace) {
    List<Check> checks = new ArrayList<>();
    checks.add(ferryImage());
    String subject = "kubernetes cluster " + cluster.server();
    try {
      VersionInfo version = cluster.client().getKubernetesVersion();
      checks.add(Check.ok(subject, "Kubernetes " + (version.getGitVersion() != null ? version.getGitVersion()
          : version.getMajor() + "." + version.getMinor())));
    } catch (KubernetesClientException e) {
      checks.add(Check.failed(subject, "cannot be reached (" + message(e) + ")", block.clusterConfig() == null
          ? "run the agent in the cluster, or give it a kubeconfig (KUBECONFIG), or set the block's cluster_config"
          : "mend the kubeconfig of the block's cluster_config (its server, context and credentials)"));
      return checks;
    }
    checks.add(permissions(cluster, namespace));
    return checks;
  }

  private Check ferryImage() {
    String image = agentEnv.get(CodeDelivery.FERRY_IMAGE);
    String subject = "agent variable " + CodeDelivery.FERRY_IMAGE;
    if (image != null && !image.isBlank()) {
      return Check.ok(subject, image + ", the init container's image that pulls a run's code");
    }
    String fix = "set it to the agent's ferry image ('ferry kubernetes manifest agent' writes an agent that has it)";
    if (block.command().isEmpty()) {
      return Check.failed(subject, "not set, and the block's runs, which run the ferry launcher, pull it with an"
          + " init container of that image", fix);
    }
    return Check.warning(subject, "not set, and the runs of deployments with a storage block pull their code with"
        + " an init container of that image", fix);
  }

  /**
   * Whether the agent may do in {@code namespace} all that the runner does there, and read the cluster's id:
   * asked of the API server for each verb (a self-subject access review), as {@code kubectl auth can-i} does.
   */
  private Check permissions(Cluster cluster, String namespace) {
    String subject = "kubernetes namespace " + namespace;
    List<String> refused = new ArrayList<>();
    try {
      for (Rule rule : KubernetesAccess.NAMESPACED) {
        for (String verb : rule.verbs()) {
          if (!allowed(cluster, namespace, rule.apiGroup(), rule.resource(), verb, null)) {
            refused.add(verb + " " + rule.resource());
          }
        }
      }
      Rule clusterId = KubernetesAccess.CLUSTER_ID;
      if (!agentEnv.containsKey(Cluster.UID_VARIABLE) && !allowed(cluster, null, clusterId.apiGroup(),
          clusterId.resource(), "get", clusterId.resourceNames().get(0))) {
        refused.add("get namespace kube-system (whose uid names the cluster)");
      }
    } catch (KubernetesClientException e) {
      return Check.failed(subject, "cannot be looked at (" + message(e) + ")",
          "let the agent's service account create selfsubjectaccessreviews, as every authenticated user may");
    }
    if (!refused.isEmpty()) {
      return Check.failed(subject, "the agent may not " + String.join(", ", refused), "apply the Role and ClusterRole"
          + " of 'ferry kubernetes manifest agent --namespace " + namespace + "' to the agent's service account");
    }
    return Check.ok(subject, "the agent may create, follow and delete Jobs and read their pods and logs there");
  }

  private static boolean allowed(Cluster cluster, String namespace, String group, String resource, String verb,
      String name) {
    String[] parts = resource.split("/", 2);
    SelfSubjectAccessReview review = cluster.client().authorization().v1().selfSubjectAccessReview()
        .create(new SelfSubjectAccessReviewBuilder().withNewMetadata().withGenerateName("ferry-doctor-")
            .endMetadata().withNewSpec().withNewResourceAttributes().withNamespace(namespace).withGroup(group)
            .withResource(parts[0]).withSubresource(parts.length > 1 ? parts[1] : null).withVerb(verb)
            .withName(name).endResourceAttributes().endSpec().build());
    return review.getStatus() == null || review.getStatus().getAllowed(); // no status: a server that did not judge
  }

  static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return text.replace('\n', ' ');
  }
}
