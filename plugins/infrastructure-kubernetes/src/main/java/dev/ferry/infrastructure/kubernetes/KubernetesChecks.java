package dev.ferry.infrastructure.kubernetes;

import dev.ferry.doctor.Check;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code ferry doctor} asks of a {@code kubernetes-job} block: the cluster answers (its version); the
 * Jobs' namespace exists and the agent may create Jobs in it; the agent knows the ferry image its pods pull
 * the code with. Looks without creating anything.
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
    checks.add(namespace(cluster, namespace));
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

  private static Check namespace(Cluster cluster, String namespace) {
    String subject = "kubernetes namespace " + namespace;
    try {
      if (cluster.client().namespaces().withName(namespace).get() == null) {
        return Check.failed(subject, "does not exist", "create it (kubectl create namespace " + namespace
            + "), or mend the block's namespace");
      }
      SelfSubjectAccessReview review = cluster.client().authorization().v1().selfSubjectAccessReview()
          .create(new SelfSubjectAccessReviewBuilder().withNewMetadata().withGenerateName("ferry-doctor-")
              .endMetadata().withNewSpec().withNewResourceAttributes()
              .withNamespace(namespace).withVerb("create").withGroup("batch").withResource("jobs")
              .endResourceAttributes().endSpec().build());
      if (review.getStatus() != null && !review.getStatus().getAllowed()) {
        return Check.failed(subject, "exists, but the agent may not create Jobs in it", "give the agent's service"
            + " account a Role that may create, watch and delete jobs and read pods and their logs in it");
      }
      return Check.ok(subject, "exists, and the agent may create Jobs in it");
    } catch (KubernetesClientException e) {
      return Check.failed(subject, "cannot be looked at (" + message(e) + ")",
          "give the agent's service account a Role that may get namespaces and create jobs");
    }
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
