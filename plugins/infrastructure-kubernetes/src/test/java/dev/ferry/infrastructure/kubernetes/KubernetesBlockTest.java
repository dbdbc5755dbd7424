package dev.ferry.infrastructure.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The block's fields as a user writes them, and the one-line errors for those Kubernetes would refuse. */
class KubernetesBlockTest {
  @Test
  void anEmptyBlockHasPrefectsDefaults() {
    KubernetesBlock block = KubernetesBlock.fromData(Json.object());

    assertThat(block.namespace()).isNull();
    assertThat(block.image()).isNull();
    assertThat(block.podWatchTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(block.jobWatchTimeout()).isNull();
    assertThat(block.streamOutput()).isTrue();
    assertThat(block.customizations()).isEmpty();
    assertThat(block.command()).isEmpty();
    assertThat(block.job()).isNull();
    assertThat(block(Map.of("job", Map.of())).job()).as("an empty base job, as a block saved bare has it").isNull();
  }

  @Test
  void customizationsReadAsAListOrAsAJsonStringOfOne() {
    List<Map<String, Object>> patch = List.of(Map.of("op", "add", "path", "/spec/backoffLimit", "value", 2));

    assertThat(block(Map.of("customizations", patch)).customizations()).isEqualTo(Json.toTree(patch));
    assertThat(block(Map.of("customizations", Json.write(patch))).customizations()).isEqualTo(Json.toTree(patch));
  }

  @Test
  void theClusterConfigsKubeconfigIsInNoText() {
    KubernetesBlock block = block(Map.of("cluster_config", Map.of("config", Map.of("users",
        List.of(Map.of("name", "ci", "user", Map.of("token", "s3cr3t-token")))), "context_name", "prod")));

    assertThat(block.clusterConfig().contextName()).isEqualTo("prod");
    assertThat(block.clusterConfig().toString()).doesNotContain("s3cr3t-token");
  }

  @Test
  void aValueKubernetesWouldRefuseIsAOneLineErrorNamingTheFieldAndTheFix() {
    assertRefused(Map.of("image_pull_policy", "ALWAYS"), "Field 'image_pull_policy' of block type 'kubernetes-job'"
        + " is 'ALWAYS'; use Always, IfNotPresent or Never");
    assertRefused(Map.of("customizations", "[{\"op\": \"add\""), "Field 'customizations' of block type"
        + " 'kubernetes-job' is a string that is not JSON; give a JSON Patch");
    assertRefused(Map.of("customizations", "[{\"op\": \"merge\", \"path\": \"/spec\"}]"),
        "Field 'customizations' of block type 'kubernetes-job' has {\"op\":\"merge\",\"path\":\"/spec\"} at [0],"
            + " which is not a JSON Patch operation; give each an op (add, remove, replace, move, copy, test)");
    assertRefused(Map.of("customizations", Map.of("op", "add")), "Field 'customizations' of block type"
        + " 'kubernetes-job' is not a list");
    assertRefused(Map.of("pod_watch_timeout_seconds", "soon"), "Field 'pod_watch_timeout_seconds' of block type"
        + " 'kubernetes-job' has a value of the wrong type; give a whole number of seconds");
    assertRefused(Map.of("finished_job_ttl", -1), "Field 'finished_job_ttl'");
    assertRefused(Map.of("job", "a job"), "Field 'job' of block type 'kubernetes-job' has a value of the wrong type");
    assertRefused(Map.of("cluster_config", Map.of("context_name", "prod")), "Field 'cluster_config'");
    assertRefused(Map.of("command", List.of("python3", Map.of())), "Field 'command'");
  }

  static KubernetesBlock block(Map<String, ?> fields) {
    ObjectNode data = Json.object();
    fields.forEach((key, value) -> data.set(key, Json.toTree(value)));
    return KubernetesBlock.fromData(data);
  }

  private static void assertRefused(Map<String, ?> fields, String message) {
    assertThatThrownBy(() -> block(fields))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
