package dev.ferry.cli.commands.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What runs a ferry agent in a Kubernetes namespace: a ServiceAccount, a Role that lets it run
 * flow runs as Jobs and read their pods and logs, the RoleBinding, and a Deployment of one agent
 * with liveness and readiness probes on its health port and the API key read from a Secret.
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

  List<HasMetadata> objects() {
    Map<String, String> labels = Map.of("app.kubernetes.io/name", NAME);
    var serviceAccount = new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
        .withLabels(labels).endMetadata().build();
    var role = new RoleBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(labels)
        .endMetadata()
        .withRules(
            new PolicyRuleBuilder().withApiGroups("batch").withResources("jobs")
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build(),
            new PolicyRuleBuilder().withApiGroups("").withResources("pods", "pods/log")
                .withVerbs("get", "list", "watch").build())
        .build();
    var binding = new RoleBindingBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
        .withLabels(labels).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(NAME).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(namespace).endSubject()
        .build();
    var deployment = new DeploymentBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
        .withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
        .withNewStrategy().withType("Recreate").endStrategy()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().withServiceAccountName(NAME).withTerminationGracePeriodSeconds((long) DRAIN_SECONDS + 30)
        .withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext()
        .withContainers(new ContainerBuilder().withName("agent").withImage(image).withArgs(args())
            .withEnv(env())
            .addNewPort().withName("health").withContainerPort(HEALTH_PORT).endPort()
            .withLivenessProbe(probe("/health", 3))
            .withReadinessProbe(probe("/ready", 1))
            .withNewResources()
            .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
            .withLimits(Map.of("memory", new Quantity("512Mi")))
            .endResources()
            .build())
        .endSpec().endTemplate().endSpec().build();
    return List.of(serviceAccount, role, binding, deployment);
  }

  /** The objects as one YAML stream, {@code ---} between them. */
  String yaml() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : objects()) {
      out.append(serialization.asYaml(object));
    }
    return out.toString();
  }

  private List<String> args() {
    List<String> args = new ArrayList<>(List.of("agent", "start"));
    queues.forEach(queue -> args.addAll(List.of("-q", queue)));
    args.addAll(List.of("--health-port", Integer.toString(HEALTH_PORT), "--drain-timeout",
        Integer.toString(DRAIN_SECONDS), "--log-format", "json"));
    return args;
  }

  private List<EnvVar> env() {
    return List.of(
        new EnvVarBuilder().withName("PREFECT_API_URL").withValue(apiUrl).build(),
        new EnvVarBuilder().withName("PREFECT_API_KEY").withNewValueFrom().withNewSecretKeyRef()
            .withName(API_KEY_SECRET).withKey("api-key").withOptional(true).endSecretKeyRef().endValueFrom().build(),
        new EnvVarBuilder().withName("FERRY_AGENT_NAME").withNewValueFrom().withNewFieldRef()
            .withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
  }

  private static Probe probe(String path, int failureThreshold) {
    return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("health")).endHttpGet()
        .withPeriodSeconds(10).withFailureThreshold(failureThreshold).build();
  }
}
