package dev.ferry.infrastructure.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The block's fields as a user writes them, and the one-line errors for those Docker would refuse. */
class DockerBlockTest {
  @Test
  void anEmptyBlockRunsPrefectsImageOfTheApiVersionPulledOnlyWhenMissing() {
    DockerBlock block = DockerBlock.fromData(Json.object());

    assertThat(block.image().name()).isEqualTo("prefecthq/prefect:2.7.12-python3.10");
    assertThat(block.pullPolicy()).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(block.command()).isEmpty();
    assertThat(block.streamOutput()).isTrue();
    assertThat(block.autoRemove()).isFalse();
  }

  @Test
  void theUnsetPullPolicyIsAlwaysForLatestOrNoTagAndIfNotPresentOtherwise() {
    assertThat(policyOf("etl")).isEqualTo(PullPolicy.ALWAYS);
    assertThat(policyOf("etl:latest")).isEqualTo(PullPolicy.ALWAYS);
    assertThat(policyOf("registry.example.com:5000/etl")).isEqualTo(PullPolicy.ALWAYS);
    assertThat(policyOf("registry.example.com:5000/etl:1.4")).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(policyOf("etl@sha256:" + "a".repeat(64))).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(DockerBlock.fromData(data(Map.of("image", "etl", "image_pull_policy", "NEVER"))).pullPolicy())
        .isEqualTo(PullPolicy.NEVER);
  }

  @Test
  void memorySizesReadAsDockerPyReadsThem() {
    assertThat(ByteSize.parse("mem_limit", Json.toTree("64m")).bytes()).isEqualTo(64L << 20);
    assertThat(ByteSize.parse("mem_limit", Json.toTree("1g")).bytes()).isEqualTo(1L << 30);
    assertThat(ByteSize.parse("mem_limit", Json.toTree("64mb")).bytes()).isEqualTo(64L << 20);
    assertThat(ByteSize.parse("mem_limit", Json.toTree("1.5g")).bytes()).isEqualTo(3L << 29);
    assertThat(ByteSize.parse("mem_limit", Json.toTree("512K")).bytes()).isEqualTo(512L << 10);
    assertThat(ByteSize.parse("mem_limit", Json.toTree("100000")).bytes()).isEqualTo(100000);
    assertThat(ByteSize.parse("mem_limit", Json.toTree(67108864)).bytes()).isEqualTo(64L << 20);
    assertThat(ByteSize.parse("memswap_limit", Json.toTree(-1)).bytes()).as("unlimited swap").isEqualTo(-1);
    assertThatThrownBy(() -> ByteSize.parse("mem_limit", Json.toTree(-5))).hasMessageContaining("'mem_limit'");
    assertThat(ByteSize.parse("mem_limit", Json.toTree(""))).isNull();
    assertThat(ByteSize.format(64L << 20)).isEqualTo("64m");
    assertThat(ByteSize.format(1000)).isEqualTo("1000b");
  }

  @Test
  void prefectStyleLabelKeysBecomeDockerStyle() {
    DockerBlock block = DockerBlock.fromData(data(Map.of("labels",
        Map.of("prefect.io/team", "data", "example.com/owner", "ada", "plain", "yes"))));

    assertThat(block.labels()).containsOnly(Map.entry("io.prefect.team", "data"), Map.entry("com.example.owner", "ada"),
        Map.entry("plain", "yes"));
  }

  @Test
  void theRegistrysPasswordIsInNoTextOfTheBlock() {
    DockerBlock block = DockerBlock.fromData(data(Map.of("image_registry", Map.of("username", "ci",
        "password", "s3cr3t-pass", "registry_url", "https://registry.example.com/v2/", "reauth", true))));

    assertThat(block.registry().host()).isEqualTo("registry.example.com");
    assertThat(block.toString()).doesNotContain("s3cr3t-pass");
    assertThat(block.registry().toString()).doesNotContain("s3cr3t-pass");
  }

  @Test
  void credentialsGoOnlyToTheRegistryTheyAreFor() {
    RegistryLogin hub = new RegistryLogin("ci", "pw", "https://index.docker.io/v1/", true);
    RegistryLogin own = new RegistryLogin("ci", "pw", "registry.example.com:5000", true);

    assertThat(hub.serves(new ImageReference("acme/etl:1"))).isTrue();
    assertThat(hub.serves(new ImageReference("registry.example.com:5000/etl:1"))).isFalse();
    assertThat(own.serves(new ImageReference("registry.example.com:5000/etl:1"))).isTrue();
    assertThat(own.serves(new ImageReference("etl:1"))).isFalse();
  }

  @Test
  void aPullAsksForTheTagOrLatestAndKeepsADigestInTheName() {
    assertThat(new ImageReference("localhost:5000/etl").repository()).isEqualTo("localhost:5000/etl");
    assertThat(new ImageReference("localhost:5000/etl").pullTag()).isEqualTo("latest");
    assertThat(new ImageReference("localhost:5000/etl:1.4").repository()).isEqualTo("localhost:5000/etl");
    assertThat(new ImageReference("localhost:5000/etl:1.4").pullTag()).isEqualTo("1.4");
    assertThat(new ImageReference("etl@sha256:abc").repository()).isEqualTo("etl@sha256:abc");
    assertThat(new ImageReference("etl@sha256:abc").pullTag()).isNull();
  }

  @Test
  void aValueDockerWouldRefuseIsAOneLineErrorNamingTheFieldAndTheFix() {
    assertRefused(Map.of("image_pull_policy", "SOMETIMES"), "Field 'image_pull_policy' of block type"
        + " 'docker-container' is 'SOMETIMES'; use ALWAYS, NEVER or IF_NOT_PRESENT");
    assertRefused(Map.of("mem_limit", "64x"), "Field 'mem_limit' of block type 'docker-container' is '64x';"
        + " give a size such as 64m, 1g or a number of bytes");
    assertRefused(Map.of("mem_limit", "64m", "memswap_limit", "lots"), "Field 'memswap_limit'");
    assertRefused(Map.of("memswap_limit", "1g"), "Field 'memswap_limit' of block type 'docker-container' is set"
        + " without mem_limit; set mem_limit too, or leave memswap_limit empty");
    assertRefused(Map.of("volumes", List.of("/data")), "Field 'volumes' of block type 'docker-container' has"
        + " '/data'; give each as host_path:container_path[:ro], with an absolute container path");
    assertRefused(Map.of("volumes", List.of("/data:relative")), "has '/data:relative'");
    assertRefused(Map.of("networks", List.of("etl"), "network_mode", "host"), "Field 'network_mode'");
    assertRefused(Map.of("networks", "etl"), "Field 'networks' of block type 'docker-container' has a value of the"
        + " wrong type; give a JSON list of strings");
    assertRefused(Map.of("auto_remove", "sometimes"), "Field 'auto_remove'");
    assertRefused(Map.of("image_registry", Map.of("username", "ci")), "Field 'image_registry' of block type"
        + " 'docker-container' lacks a username, password or registry_url");
  }

  private static PullPolicy policyOf(String image) {
    return DockerBlock.fromData(data(Map.of("image", image))).pullPolicy();
  }

  private static void assertRefused(Map<String, ?> fields, String message) {
    assertThatThrownBy(() -> DockerBlock.fromData(data(fields)))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static ObjectNode data(Map<String, ?> fields) {
    ObjectNode data = Json.object();
    fields.forEach((key, value) -> data.set(key, Json.toTree(value)));
    return data;
  }
}
