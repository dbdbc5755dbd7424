package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code PATCH /deployments/{id}}: what Prefect 2.7's DeploymentUpdate changes, and overrides
 * checked against the deployment's infrastructure block as {@code ferry deployment build} checks them.
 */
class DeploymentPatchIT extends ServerTest {
  /** A deployment of a new flow, created with the given extra fields (JSON members, or empty). */
  private String deployment(String fields) throws Exception {
    String flow = send("POST", "/flows/", "{\"name\": \"etl\"}").body().get("id").asText();
    Answer created = send("POST", "/deployments/", "{\"name\": \"prod\", \"flow_id\": \"" + flow + "\","
        + " \"work_queue_name\": \"prod\"" + fields + "}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private String dockerDeployment(String overrides) throws Exception {
    String block = saveBlock("docker-container", "dev", "{\"image\": \"busybox\"}").get("id").asText();
    return deployment(", \"infrastructure_document_id\": \"" + block + "\", \"infra_overrides\": " + overrides);
  }

  private Answer patch(String id, String body) throws Exception {
    return send("PATCH", "/deployments/" + id, body);
  }

  @Test
  void aPatchChangesWhatPrefectsDeploymentUpdateAllows() throws Exception {
    String id = deployment("");

    Answer answer = patch(id, "{\"tags\": [\"nightly\"], \"parameters\": {\"n\": 5}, \"work_queue_name\": \"night\","
        + " \"description\": \"Nightly ETL\", \"schedule\": {\"interval\": 3600}, \"is_schedule_active\": false}");

    assertThat(answer.status()).isEqualTo(204);
    JsonNode read = send("GET", "/deployments/" + id, null).body();
    assertThat(read.get("tags").toString()).isEqualTo("[\"nightly\"]");
    assertThat(read.get("parameters").toString()).isEqualTo("{\"n\":5}");
    assertThat(read.get("work_queue_name").asText()).isEqualTo("night");
    assertThat(read.get("description").asText()).isEqualTo("Nightly ETL");
    assertThat(read.at("/schedule/interval").asDouble()).isEqualTo(3600);
    assertThat(read.get("is_schedule_active").asBoolean()).isFalse();
    assertThat(send("GET", "/work_queues/name/night", null).status()).as("the new queue exists").isEqualTo(200);
    assertThat(patch(UUID.randomUUID().toString(), "{\"description\": \"x\"}").status()).isEqualTo(404);
  }

  @Test
  void fieldsDeploymentUpdateHasNotOrOfAnotherTypeAre422NamingThem() throws Exception {
    String id = deployment("");

    Answer extra = patch(id, "{\"name\": \"renamed\"}");
    Answer tags = patch(id, "{\"tags\": \"nightly\"}");
    Answer active = patch(id, "{\"is_schedule_active\": \"no\"}");
    Answer schedule = patch(id, "{\"schedule\": {\"cron\": \"every day\"}}");

    assertThat(extra.status()).isEqualTo(422);
    assertThat(extra.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"name\"]");
    assertThat(extra.body().at("/exception_detail/0/msg").asText()).isEqualTo("extra fields not permitted");
    assertThat(tags.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"tags\"]");
    assertThat(active.body().at("/exception_detail/0/type").asText()).isEqualTo("type_error.bool");
    assertThat(schedule.status()).isEqualTo(422);
    assertThat(schedule.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"schedule\"]");
    assertThat(send("GET", "/deployments/" + id, null).body().get("name").asText()).isEqualTo("prod");
  }

  @Test
  void overridesOfTheInfrastructureBlocksFieldsAreStoredForTheAgentsNextRun() throws Exception {
    String id = dockerDeployment("{}");

    Answer answer = patch(id, "{\"infra_overrides\": {\"image\": \"repo/img:2\", \"env.LOG_LEVEL\": \"DEBUG\","
        + " \"mem_limit\": \"64m\"}}");

    assertThat(answer.status()).isEqualTo(204);
    OrchestrationClient client = new OrchestrationClient(vertx, server.apiUrl(), null);
    Deployment read = client.readDeployment(UUID.fromString(id)).toCompletionStage().toCompletableFuture().join();
    client.close();
    assertThat(read.infraOverrides()).as("what the agent reads when it prepares a run")
        .isEqualTo(Json.tree("{\"image\": \"repo/img:2\", \"env.LOG_LEVEL\": \"DEBUG\", \"mem_limit\": \"64m\"}"));
  }

  @Test
  void anOverrideTheBlockTypeCannotTakeIs422NamingKeyBlockTypeAndFix() throws Exception {
    String id = dockerDeployment("{\"image\": \"busybox:1\"}");

    Answer unknown = patch(id, "{\"infra_overrides\": {\"image\": \"busybox:2\", \"imagee\": \"busybox:3\"}}");
    Answer nested = patch(id, "{\"infra_overrides\": {\"command.first\": \"python\"}}");
    Answer typed = patch(id, "{\"infra_overrides\": {\"command\": \"python main.py\"}}");

    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body().at("/exception_detail/0/loc").toString())
        .isEqualTo("[\"body\",\"infra_overrides\",\"imagee\"]");
    assertThat(unknown.body().at("/exception_detail/0/msg").asText())
        .startsWith("'imagee' is not a field of block type 'docker-container'. Its fields are: type, env, labels");
    assertThat(nested.body().at("/exception_detail/0/msg").asText()).isEqualTo("Override 'command.first': field"
        + " 'command' is not a map, so it has no keys; override 'command' itself");
    assertThat(typed.body().at("/exception_detail/0/msg").asText())
        .startsWith("Field 'command' of block type 'docker-container' takes a JSON list, not \"python main.py\"");
    assertThat(send("GET", "/deployments/" + id, null).body().get("infra_overrides").toString())
        .as("unchanged").isEqualTo("{\"image\":\"busybox:1\"}");
  }

  @Test
  void aDeploymentWithNoInfrastructureBlockTakesTheOverridesOfAProcess() throws Exception {
    String id = deployment("");

    Answer image = patch(id, "{\"infra_overrides\": {\"image\": \"busybox\"}}");
    Answer env = patch(id, "{\"infra_overrides\": {\"env.LOG_LEVEL\": \"DEBUG\"}}");

    assertThat(image.body().at("/exception_detail/0/msg").asText())
        .startsWith("'image' is not a field of block type 'process'");
    assertThat(env.status()).isEqualTo(204);
  }

  @Test
  void overridesSentBackUnchangedAreNotCheckedAgainSoPrefectsPauseScheduleWorks() throws Exception {
    String id = dockerDeployment("{\"imagee\": \"busybox:1\"}");
    JsonNode whole = send("GET", "/deployments/" + id, null).body();

    Answer paused = patch(id, "{\"is_schedule_active\": false, \"infra_overrides\": " + whole.get("infra_overrides")
        + ", \"infrastructure_document_id\": \"" + whole.get("infrastructure_document_id").asText() + "\"}");

    assertThat(paused.status()).isEqualTo(204);
  }

  @Test
  void runsPlannedOnTheOldQueueMakeWayForRunsOnTheNewOne() throws Exception {
    String id = deployment(", \"schedule\": {\"interval\": 3600}");
    send("POST", "/deployments/" + id + "/schedule", "{\"max_runs\": 3}");
    String onQueue = "{\"flow_runs\": {\"work_queue_name\": {\"any_\": [\"%s\"]}}}";
    assertThat(send("POST", "/flow_runs/count", onQueue.formatted("prod")).body().asInt()).isEqualTo(3);

    patch(id, "{\"work_queue_name\": \"night\"}");
    send("POST", "/deployments/" + id + "/schedule", "{\"max_runs\": 3}");

    assertThat(send("POST", "/flow_runs/count", onQueue.formatted("prod")).body().asInt()).isZero();
    assertThat(send("POST", "/flow_runs/count", onQueue.formatted("night")).body().asInt()).isEqualTo(3);
  }
}
