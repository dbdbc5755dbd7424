package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ferry kubernetes manifest agent} prints YAML that Kubernetes' own model reads back, wired together. */
class KubernetesManifestTest {
  @Test
  void agentManifestParsesAndReferencesWhatItShould() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CliEnvironment environment = new CliEnvironment(Map.of("FERRY_HOME", "unused"), Path.of("."),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    int exit = Main.run(environment, "kubernetes", "manifest", "agent", "-q", "prod", "-q", "etl", "--namespace",
        "flows", "--image", "registry.local/ferry:1.0", "--api-url", "http://ferry.flows.svc:4200/api");

    assertThat(exit).isZero();
    List<HasMetadata> objects = new KubernetesSerialization()
        .unmarshal(new ByteArrayInputStream(printed.toByteArray()));
    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactly("ServiceAccount", "Role", "RoleBinding", "Deployment");
    assertThat(objects).allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).isEqualTo("flows"));

    ServiceAccount account = (ServiceAccount) objects.get(0);
    Role role = (Role) objects.get(1);
    RoleBinding binding = (RoleBinding) objects.get(2);
    Deployment deployment = (Deployment) objects.get(3);
    assertThat(role.getRules()).flatExtracting(PolicyRule::getResources).contains("jobs", "pods", "pods/log");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo(account.getMetadata().getName());

    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
    Container agent = pod.getContainers().get(0);
    assertThat(agent.getImage()).isEqualTo("registry.local/ferry:1.0");
    assertThat(String.join(" ", agent.getArgs())).contains("agent start -q prod -q etl --health-port 8080");
    int healthPort = agent.getPorts().get(0).getContainerPort();
    assertThat(agent.getArgs()).contains(Integer.toString(healthPort));
    assertThat(agent.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(agent.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(agent.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo(agent.getPorts().get(0).getName());
    EnvVar key = agent.getEnv().stream().filter(env -> env.getName().equals("PREFECT_API_KEY")).findFirst().orElseThrow();
    assertThat(key.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ferry-api-key");
    assertThat(agent.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("PREFECT_API_URL");
      assertThat(env.getValue()).isEqualTo("http://ferry.flows.svc:4200/api");
    });
    assertThat(pod.getTerminationGracePeriodSeconds()).as("longer than the agent's drain").isGreaterThan(300L);
  }
}
