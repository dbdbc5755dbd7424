package dev.ferry.infrastructure.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** What a run's container will be, decided without an engine: the request, the network, the API URL, the name. */
class ContainerRequestTest {
  private static final String LOCAL_API = "http://127.0.0.1:4200/api";
  private static final Path RUN_DIR = Path.of("/srv/ferry/runs/1");
  private static final UUID RUN_ID = UUID.randomUUID();

  @Test
  void offTheHostsNetworkALocalApiUrlNamesTheHostGateway() {
    ContainerNetwork bridge = network(Map.of("network_mode", "bridge"), LOCAL_API);
    assertThat(bridge.apiUrl()).isEqualTo("http://host.docker.internal:4200/api");
    assertThat(bridge.extraHosts()).containsExactly("host.docker.internal:host-gateway");

    ContainerNetwork named = network(Map.of("networks", List.of("etl", "monitoring")), "http://localhost:4200/api");
    assertThat(named.mode()).isEqualTo("etl");
    assertThat(named.laterNetworks()).containsExactly("monitoring");
    assertThat(named.apiUrl()).isEqualTo("http://host.docker.internal:4200/api");
  }

  @Test
  void onTheHostsNetworkOrWithARemoteOrTheBlocksOwnUrlTheUrlStays() {
    ContainerNetwork host = network(Map.of("network_mode", "host"), LOCAL_API);
    assertThat(host.apiUrl()).isEqualTo(LOCAL_API);
    assertThat(host.extraHosts()).isEmpty();

    ContainerNetwork remote = network(Map.of("network_mode", "bridge"), "https://ferry.example.com/api");
    assertThat(remote.apiUrl()).isEqualTo("https://ferry.example.com/api");
    assertThat(remote.extraHosts()).isEmpty();

    ContainerNetwork blocks = network(Map.of("network_mode", "bridge", "env",
        Map.of("PREFECT_API_URL", "http://localhost:9999/api")), LOCAL_API);
    assertThat(blocks.apiUrl()).isEqualTo("http://localhost:9999/api");
    assertThat(blocks.extraHosts()).isEmpty();
  }

  @Test
  void withoutANetworkALinuxAgentsLocalApiPutsTheContainerOnTheHostsNetworkAsPrefectDoes() {
    DockerBlock block = DockerBlock.fromData(Json.object());
    assertThat(ContainerNetwork.of(block, LOCAL_API, true).mode()).isEqualTo("host");
    assertThat(ContainerNetwork.of(block, LOCAL_API, false).mode()).isNull();
    assertThat(ContainerNetwork.of(block, LOCAL_API, false).apiUrl()).isEqualTo("http://host.docker.internal:4200/api");
    assertThat(ContainerNetwork.of(block, "https://ferry.example.com/api", true).mode()).isNull();
  }

  @Test
  void describeIsTheCreateRequestInTheEngineApisKeys() {
    DockerInfrastructure infrastructure = infrastructure(Map.of("image", "etl:1.4", "network_mode", "bridge",
        "mem_limit", "64m", "memswap_limit", "128m", "volumes", List.of("/srv/data:/data:ro"), "privileged", true,
        "env", Map.of("FROM_BLOCK", "yes"), "labels", Map.of("team", "data")));
    LaunchSpec spec = infrastructure.prepare(run(null));

    Map<String, Object> request = infrastructure.describe(spec);

    assertThat(request).containsEntry("Name", "crimson-tortoise").containsEntry("Image", "etl:1.4")
        .containsEntry("Cmd", List.of("python3", "/opt/ferry/run/.ferry/launcher.py"))
        .containsEntry("WorkingDir", "/opt/ferry/run")
        .containsEntry("Entrypoint", List.of("/bin/sh", "-c", "exec \"$@\" 2>&1", "sh",
            ContainerRequest.IMAGE_ENTRYPOINT));
    assertThat(request).extractingByKey("Env", InstanceOfAssertFactories.list(String.class))
        .containsExactly("FROM_BLOCK=yes", "FROM_RUN=run", "PREFECT_API_URL=http://host.docker.internal:4200/api");
    assertThat(request).extractingByKey("Labels", InstanceOfAssertFactories.map(String.class, String.class))
        .contains(entry("io.prefect.flow-run-id", RUN_ID.toString()),
            entry("io.prefect.flow-run-name", "crimson-tortoise"), entry("io.prefect.flow-name", "etl"),
            entry("io.prefect.deployment-name", "nightly"), entry("team", "data"), entry("dev.ferry.version", "dev"));
    assertThat(request).extractingByKey("HostConfig", InstanceOfAssertFactories.map(String.class, Object.class))
        .containsExactly(entry("NetworkMode", "bridge"), entry("Memory", 64L << 20), entry("MemorySwap", 128L << 20),
            entry("Binds", List.of("/srv/data:/data:ro")), entry("Init", true), entry("Privileged", true),
            entry("AutoRemove", false),
            entry("ExtraHosts", List.of("host.docker.internal:host-gateway")));
    assertThat(spec.usesDefaultCommand()).isTrue();
  }

  @Test
  void autoRemoveIsTheRunnersToDoOnceItHasReadTheContainerNotTheEngines() {
    DockerInfrastructure infrastructure = infrastructure(Map.of("auto_remove", true));

    Map<String, Object> request = infrastructure.describe(infrastructure.prepare(run(null)));

    assertThat(request).extractingByKey("Labels", InstanceOfAssertFactories.map(String.class, String.class))
        .containsEntry("dev.ferry.auto-remove", "true");
    assertThat(request).extractingByKey("HostConfig", InstanceOfAssertFactories.map(String.class, Object.class))
        .containsEntry("AutoRemove", false);
  }

  @Test
  void codeInTheImageIsTheWorkingDirectoryAndABlockCommandRunsAsGiven() {
    DockerInfrastructure infrastructure = infrastructure(Map.of("command", List.of("python", "main.py"),
        "env", mapWithNull("FROM_RUN")));
    LaunchSpec spec = infrastructure.prepare(run("/opt/prefect/flows"));

    assertThat(spec.argv()).containsExactly("python", "main.py");
    assertThat(spec.usesDefaultCommand()).isFalse();
    assertThat(infrastructure.describe(spec)).containsEntry("WorkingDir", "/opt/prefect/flows");
    assertThat(spec.env()).as("a null in the block's env leaves the variable out").doesNotContainKey("FROM_RUN");
  }

  @Test
  void containerNamesAreTheRunsOrTheBlocksNameSluggedAsPrefectDoes() {
    assertThat(ContainerName.of("crimson-tortoise")).isEqualTo("crimson-tortoise");
    assertThat(ContainerName.of("Nightly ETL: café's run #2")).isEqualTo("Nightly-ETL-cafe-s-run-2");
    assertThat(ContainerName.of("_.-hidden")).isEqualTo("hidden");
    assertThat(ContainerName.of("x".repeat(300))).hasSize(250);
    assertThat(ContainerName.of("!!!")).isNull();
    assertThat(ContainerName.attempt("etl", 0)).isEqualTo("etl");
    assertThat(ContainerName.attempt("etl", 2)).isEqualTo("etl-2");
    DockerInfrastructure named = infrastructure(Map.of("name", "My Block"));
    assertThat(named.describe(named.prepare(run(null)))).containsEntry("Name", "My-Block");
  }

  private static ContainerNetwork network(Map<String, ?> fields, String runApiUrl) {
    return ContainerNetwork.of(DockerBlock.fromData(data(fields)), runApiUrl, true);
  }

  private static DockerInfrastructure infrastructure(Map<String, ?> fields) {
    return DockerInfrastructure.fromBlock(data(fields));
  }

  private static RunContext run(String imageCodePath) {
    Path launcher = RUN_DIR.resolve(".ferry/launcher.py");
    return new RunContext(RUN_ID, "crimson-tortoise", "etl", "nightly", RUN_DIR,
        Map.of("PREFECT_API_URL", LOCAL_API, "FROM_RUN", "run"), List.of("python3", launcher.toString()), launcher,
        imageCodePath);
  }

  private static Map<String, String> mapWithNull(String key) {
    Map<String, String> map = new HashMap<>();
    map.put(key, null);
    return map;
  }

  private static ObjectNode data(Map<String, ?> fields) {
    ObjectNode data = Json.object();
    fields.forEach((key, value) -> data.set(key, Json.toTree(value)));
    return data;
  }
}
