package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The claim rule and error answers, in the shapes the Prefect 2.7.12 recordings (test resources of config) hold. */
class ApiAnswersIT extends ServerTest {
  private String scheduledRun() throws Exception {
    String flow = send("POST", "/flows/", "{\"name\": \"etl\"}").body().get("id").asText();
    String state = "{\"type\": \"SCHEDULED\", \"name\": \"Scheduled\"}";
    return send("POST", "/flow_runs/", "{\"flow_id\": \"" + flow + "\", \"state\": " + state + "}").body().get("id").asText();
  }

  private Answer propose(String run, String type) throws Exception {
    return send("POST", "/flow_runs/" + run + "/set_state", "{\"state\": {\"type\": \"" + type + "\"}, \"force\": false}");
  }

  @Test
  void firstClaimIsAcceptedAndWrittenSecondIsAbortedWithItsReason() throws Exception {
    String run = scheduledRun();

    Answer first = propose(run, "PENDING");
    Answer second = propose(run, "PENDING");

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body().get("status").asText()).isEqualTo("ACCEPT");
    assertThat(first.body().at("/state/state_details/flow_run_id").asText()).isEqualTo(run);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().get("status").asText()).isEqualTo("ABORT");
    assertThat(second.body().at("/details/reason").asText()).contains("SCHEDULED");
    assertThat(second.body().at("/state/type").asText()).as("the run's state is unchanged").isEqualTo("PENDING");
  }

  @Test
  void ferryClaimHandsEachRunToOneCallerAlreadyPendingWithinTheQueueLimit() throws Exception {
    String queue = send("POST", "/work_queues/", "{\"name\": \"claims\", \"concurrency_limit\": 4}").body()
        .get("id").asText();
    String flow = send("POST", "/flows/", "{\"name\": \"etl\"}").body().get("id").asText();
    for (int i = 0; i < 6; i++) {
      send("POST", "/flow_runs/", "{\"flow_id\": \"" + flow + "\", \"work_queue_name\": \"claims\","
          + " \"state\": {\"type\": \"SCHEDULED\"}}");
    }
    String claim = "/ferry/work_queues/claim";
    String queues = "\"work_queue_ids\": [\"" + queue + "\"]";

    Answer first = send("POST", claim, "{" + queues + ", \"limit\": 3}");
    Answer second = send("POST", claim, "{" + queues + ", \"limit\": 3}");
    Answer third = send("POST", claim, "{" + queues + ", \"limit\": 3, \"ferry_wait_seconds\": 0.2}");

    assertThat(first.body()).hasSize(3).allSatisfy(run -> assertThat(run.get("state_type").asText()).isEqualTo("PENDING"));
    assertThat(second.body()).as("the queue's limit of 4 leaves one").hasSize(1);
    assertThat(third.body()).isEmpty();
    java.util.Set<String> ids = new java.util.HashSet<>();
    first.body().forEach(run -> ids.add(run.get("id").asText()));
    assertThat(ids).doesNotContain(second.body().get(0).get("id").asText());
    Answer unknown = send("POST", claim, "{\"work_queue_ids\": [\"" + queue + "\", \"" + UUID.randomUUID() + "\"]}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(send("POST", claim, "{\"work_queue_ids\": []}").status()).as("no queue").isEqualTo(422);
  }

  @Test
  void oneClaimServesSeveralQueuesInTheOrderGivenUpToItsLimit() throws Exception {
    String first = send("POST", "/work_queues/", "{\"name\": \"first\"}").body().get("id").asText();
    String second = send("POST", "/work_queues/", "{\"name\": \"second\", \"concurrency_limit\": 1}").body()
        .get("id").asText();
    String flow = send("POST", "/flows/", "{\"name\": \"etl\"}").body().get("id").asText();
    for (String queue : new String[] {"first", "first", "second", "second"}) {
      send("POST", "/flow_runs/", "{\"flow_id\": \"" + flow + "\", \"work_queue_name\": \"" + queue + "\","
          + " \"state\": {\"type\": \"SCHEDULED\"}}");
    }
    String both = "{\"work_queue_ids\": [\"" + second + "\", \"" + first + "\"], \"limit\": ";

    Answer three = send("POST", "/ferry/work_queues/claim", both + "3}");
    Answer rest = send("POST", "/ferry/work_queues/claim", both + "3}");

    assertThat(three.body()).extracting(run -> run.get("work_queue_name").asText())
        .as("'second' first, as given, and only one of its runs: its own limit is 1").containsExactly("second", "first",
            "first");
    assertThat(rest.body()).as("'second' is at its limit and 'first' is empty").isEmpty();
  }

  @Test
  void aWaitingClaimAnswersWhenARunArrivesOnAnyOfItsQueues() throws Exception {
    String first = send("POST", "/work_queues/", "{\"name\": \"quiet\"}").body().get("id").asText();
    String second = send("POST", "/work_queues/", "{\"name\": \"busy\"}").body().get("id").asText();
    String flow = send("POST", "/flows/", "{\"name\": \"etl\"}").body().get("id").asText();
    CompletableFuture<Answer> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return send("POST", "/ferry/work_queues/claim", "{\"work_queue_ids\": [\"" + first + "\", \"" + second
            + "\"], \"limit\": 5, \"ferry_wait_seconds\": 15}");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> !send("GET", "/work_queues/" + second, null).body().path("last_polled").isNull());

    send("POST", "/flow_runs/", "{\"flow_id\": \"" + flow + "\", \"work_queue_name\": \"busy\","
        + " \"state\": {\"type\": \"SCHEDULED\"}}");

    Answer claimed = waiting.get(5, TimeUnit.SECONDS); // well before the 15 s wait is over
    assertThat(claimed.body()).extracting(run -> run.get("work_queue_name").asText()).containsExactly("busy");
  }

  @Test
  void runningThenCompletedSetsRunCountAndTimes() throws Exception {
    String run = scheduledRun();
    propose(run, "PENDING");
    propose(run, "RUNNING");
    propose(run, "COMPLETED");

    JsonNode read = send("GET", "/flow_runs/" + run, null).body();
    assertThat(read.get("state_type").asText()).isEqualTo("COMPLETED");
    assertThat(read.get("run_count").asInt()).isEqualTo(1);
    assertThat(read.get("start_time").isNull()).isFalse();
    assertThat(read.get("end_time").isNull()).isFalse();
    assertThat(send("GET", "/flow_run_states/?flow_run_id=" + run, null).body()).hasSize(4);
    assertThat(propose(run, "RUNNING").body().get("status").asText()).isEqualTo("ABORT");
  }

  @Test
  void unknownRunIs404AndBadStateTypeIs422NamingTheField() throws Exception {
    Answer unknown = propose(UUID.randomUUID().toString(), "PENDING");
    assertThat(unknown.status()).isEqualTo(404);

    Answer bad = propose(scheduledRun(), "DONE");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body().get("exception_message").asText()).isEqualTo("Invalid request received.");
    assertThat(bad.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"state\",\"type\"]");
    assertThat(bad.body().get("request_body").at("/state/type").asText()).isEqualTo("DONE");
  }

  @Test
  void routeErrorsAnswerWithADetail() throws Exception {
    assertThat(send("GET", "/nope", null)).isEqualTo(new Answer(404, Json.tree("{\"detail\": \"Not Found\"}")));
    assertThat(send("PUT", "/flows/filter", "{}")).isEqualTo(new Answer(405, Json.tree("{\"detail\": \"Method Not Allowed\"}")));
    assertThat(send("GET", "/flows/" + UUID.randomUUID(), null).body().get("detail").asText()).isEqualTo("Flow not found");
    assertThat(send("GET", "/flows/not-a-uuid", null).body().at("/exception_detail/0/loc").toString())
        .isEqualTo("[\"path\",\"id\"]");
    assertThat(send("POST", "/flows/filter", "{\"limit\": 201}").body().get("detail").asText())
        .isEqualTo("Invalid limit: must be less than or equal to 200.");
  }

  @Test
  void blockDocumentPatchMergesDataUnlessToldToReplaceIt() throws Exception {
    JsonNode type = send("GET", "/block_types/slug/json", null).body();
    String checksum = dev.ferry.blocks.BlockCatalog.bySlug("json").checksum();
    String schemaId = send("GET", "/block_schemas/checksum/" + checksum, null).body().get("id").asText();
    String id = send("POST", "/block_documents/", "{\"name\": \"cfg\", \"block_type_id\": \"" + type.get("id").asText()
        + "\", \"block_schema_id\": \"" + schemaId + "\", \"data\": {\"value\": 1, \"other\": 2}}").body().get("id").asText();

    assertThat(send("PATCH", "/block_documents/" + id, "{\"data\": {\"value\": 3}}").status()).isEqualTo(204);
    assertThat(send("GET", "/block_documents/" + id, null).body().get("data").toString()).isEqualTo("{\"value\":3,\"other\":2}");
    send("PATCH", "/block_documents/" + id, "{\"data\": {\"value\": 4}, \"merge_existing_data\": false}");
    assertThat(send("GET", "/block_documents/" + id, null).body().get("data").toString()).isEqualTo("{\"value\":4}");
    assertThat(send("PATCH", "/block_documents/" + UUID.randomUUID(), "{\"data\": {}}").status()).isEqualTo(404);
  }

  @Test
  void flowsAreCountedPatchedAndDeletedWithTheirRuns() throws Exception {
    String run = scheduledRun();
    String flow = send("GET", "/flow_runs/" + run, null).body().get("flow_id").asText();
    assertThat(send("POST", "/flows/count", "{}").body().asInt()).isEqualTo(1);
    assertThat(send("PATCH", "/flows/" + flow, "{\"tags\": [\"nightly\"]}").status()).isEqualTo(204);
    assertThat(send("GET", "/flows/" + flow, null).body().get("tags").get(0).asText()).isEqualTo("nightly");

    assertThat(send("DELETE", "/flows/" + flow, null).status()).isEqualTo(204);
    assertThat(send("GET", "/flow_runs/" + run, null).status()).isEqualTo(404);
    assertThat(send("POST", "/flow_runs/count", "{}").body().asInt()).isZero();
  }

  @Test
  void malformedTimeInABodyIs422NamingTheField() throws Exception {
    String queue = send("POST", "/work_queues/", "{\"name\": \"q\"}").body().get("id").asText();
    Answer bad = send("POST", "/work_queues/" + queue + "/get_runs", "{\"scheduled_before\": \"tomorrow\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"scheduled_before\"]");
  }

  @Test
  void duplicateWorkQueueIs409() throws Exception {
    assertThat(send("POST", "/work_queues/", "{\"name\": \"prod\"}").status()).isEqualTo(201);
    Answer again = send("POST", "/work_queues/", "{\"name\": \"prod\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("detail").asText()).isEqualTo("A work queue with this name already exists.");
  }
}
