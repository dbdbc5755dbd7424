package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an agent launched for a run ({@code /ferry/flow_runs/{id}/launch}), kept for the dashboard's run page. */
class FlowRunLaunchIT extends ServerTest {
  private String flow;

  private String run() throws Exception {
    if (flow == null) {
      flow = send("POST", "/flows/", "{\"name\": \"etl\"}").body().get("id").asText();
    }
    return send("POST", "/flow_runs/", "{\"flow_id\": \"" + flow + "\"}").body().get("id").asText();
  }

  @Test
  void theLaunchAnAgentRecordsIsReadBackUntilTheNextLaunchReplacesIt() throws Exception {
    String run = run();
    String first = "{\"infrastructure\": \"process\", \"argv\": [\"python\", \"main.py\"],"
        + " \"env\": {\"PREFECT_API_KEY\": \"<redacted>\"}}";

    assertThat(send("PUT", "/ferry/flow_runs/" + run + "/launch", first).status()).isEqualTo(204);
    Answer read = send("GET", "/ferry/flow_runs/" + run + "/launch", null);
    assertThat(send("PUT", "/ferry/flow_runs/" + run + "/launch", "{\"infrastructure\": \"docker-container\"}")
        .status()).isEqualTo(204);
    JsonNode replaced = send("GET", "/ferry/flow_runs/" + run + "/launch", null).body();

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().get("flow_run_id").asText()).isEqualTo(run);
    assertThat(read.body().get("launch")).isEqualTo(Json.tree(first));
    assertThat(read.body().get("created").asText()).isEqualTo(read.body().get("updated").asText());
    assertThat(replaced.get("launch").toString()).isEqualTo("{\"infrastructure\":\"docker-container\"}");
    assertThat(replaced.get("created")).isEqualTo(read.body().get("created"));
    assertThat(OffsetDateTime.parse(replaced.get("updated").asText()))
        .isAfterOrEqualTo(OffsetDateTime.parse(read.body().get("updated").asText()));
  }

  @Test
  void aRunWithNoLaunchYetAndAnUnknownRunAreBoth404SayingWhich() throws Exception {
    String run = run();
    String unknown = UUID.randomUUID().toString();

    Answer none = send("GET", "/ferry/flow_runs/" + run + "/launch", null);
    Answer noRun = send("GET", "/ferry/flow_runs/" + unknown + "/launch", null);
    Answer putNoRun = send("PUT", "/ferry/flow_runs/" + unknown + "/launch", "{}");

    assertThat(none.status()).isEqualTo(404);
    assertThat(none.body().get("detail").asText())
        .isEqualTo("No launch is recorded for flow run " + run + ": the agent that launches it records one");
    assertThat(noRun.status()).isEqualTo(404);
    assertThat(noRun.body().get("detail").asText()).isEqualTo("Flow run not found");
    assertThat(putNoRun.status()).isEqualTo(404);
    assertThat(putNoRun.body().get("detail").asText()).isEqualTo("Flow run not found");
  }

  @Test
  void aLaunchThatIsNoJsonObjectIs422() throws Exception {
    Answer list = send("PUT", "/ferry/flow_runs/" + run() + "/launch", "[\"python\"]");

    assertThat(list.status()).isEqualTo(422);
    assertThat(list.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\"]");
    assertThat(list.body().at("/exception_detail/0/msg").asText()).isEqualTo("value is not a valid dict");
  }

  @Test
  void aLaunchIsDeletedWithItsRunAndWithItsFlow() throws Exception {
    String deleted = run();
    String kept = run();
    send("PUT", "/ferry/flow_runs/" + deleted + "/launch", "{\"infrastructure\": \"process\"}");
    send("PUT", "/ferry/flow_runs/" + kept + "/launch", "{\"infrastructure\": \"process\"}");

    assertThat(send("DELETE", "/flow_runs/" + deleted, null).status()).isEqualTo(204);
    assertThat(countRows("SELECT COUNT(*) FROM flow_run_launch")).isEqualTo(1);
    assertThat(send("DELETE", "/flows/" + flow, null).status()).isEqualTo(204);
    assertThat(countRows("SELECT COUNT(*) FROM flow_run_launch")).isZero();
  }
}
