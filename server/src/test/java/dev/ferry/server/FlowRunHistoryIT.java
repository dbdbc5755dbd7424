package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /flow_runs/history}: runs counted by state in intervals of their expected start time. */
class FlowRunHistoryIT extends ServerTest {
  private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusMinutes(30);

  private String flow(String name) throws Exception {
    return send("POST", "/flows/", "{\"name\": \"" + name + "\"}").body().get("id").asText();
  }

  /** A run of a flow, scheduled for a time (or, with none, created PENDING), with tags. */
  private String run(String flow, OffsetDateTime scheduled, String... tags) throws Exception {
    String state = scheduled == null ? "" : ", \"state\": {\"type\": \"SCHEDULED\", \"state_details\":"
        + " {\"scheduled_time\": \"" + scheduled + "\"}}";
    return send("POST", "/flow_runs/", "{\"flow_id\": \"" + flow + "\", \"tags\": "
        + dev.ferry.json.Json.write(List.of(tags)) + state + "}").body().get("id").asText();
  }

  private void moveTo(String run, String... types) throws Exception {
    for (String type : types) {
      Answer moved = send("POST", "/flow_runs/" + run + "/set_state", "{\"state\": {\"type\": \"" + type + "\"}}");
      assertThat(moved.body().get("status").asText()).as(type).isEqualTo("ACCEPT");
    }
  }

  private Answer history(String interval, String filters) throws Exception {
    return send("POST", "/flow_runs/history", "{\"history_start\": \"" + start + "\", \"history_end\": \""
        + start.plusHours(1) + "\", \"history_interval_seconds\": " + interval + filters + "}");
  }

  private static List<String> states(JsonNode interval) {
    List<String> states = new ArrayList<>();
    interval.get("states").forEach(s -> states.add(s.get("state_type").asText() + "/" + s.get("state_name").asText()
        + " x" + s.get("count_runs").asInt()));
    return states;
  }

  @Test
  void eachRunCountsByStateInTheIntervalOfItsExpectedStartTime() throws Exception {
    String etl = flow("etl");
    run(etl, null);
    moveTo(run(etl, null), "RUNNING", "COMPLETED");
    run(etl, start.plusMinutes(50));
    run(etl, start.plusMinutes(59));
    run(etl, start.plusMinutes(61));

    Answer answer = history("900", "");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode history = answer.body();
    assertThat(history).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(Instant.parse(history.get(i).get("interval_start").asText()))
          .isEqualTo(start.plusMinutes(15L * i).toInstant());
      assertThat(Instant.parse(history.get(i).get("interval_end").asText()))
          .isEqualTo(start.plusMinutes(15L * (i + 1)).toInstant());
    }
    assertThat(states(history.get(0))).isEmpty();
    assertThat(states(history.get(1))).isEmpty();
    assertThat(states(history.get(2))).as("created now: expected now")
        .containsExactly("PENDING/Pending x1", "COMPLETED/Completed x1");
    assertThat(states(history.get(3))).as("the run after history_end is left out").containsExactly("SCHEDULED/Scheduled x2");
    JsonNode scheduled = history.get(3).get("states").get(0);
    assertThat(scheduled.get("sum_estimated_run_time").asDouble()).isZero();
    assertThat(scheduled.get("sum_estimated_lateness").asDouble()).as("not due yet").isZero();
  }

  @Test
  void aLateRunAddsItsLatenessAndTheFiltersOfFlowRunsFilterApply() throws Exception {
    String etl = flow("etl");
    String late = run(etl, start.plusMinutes(5), "nightly");
    moveTo(late, "PENDING", "RUNNING");
    run(etl, start.plusMinutes(6));
    run(flow("report"), start.plusMinutes(7), "nightly");
    OffsetDateTime started = OffsetDateTime.parse(send("GET", "/flow_runs/" + late, null).body().get("start_time").asText());

    JsonNode tagged = history("\"PT15M\"", ", \"flow_runs\": {\"tags\": {\"all_\": [\"nightly\"]}},"
        + " \"flows\": {\"name\": {\"any_\": [\"etl\"]}}").body();

    assertThat(tagged).hasSize(4);
    assertThat(states(tagged.get(0))).containsExactly("RUNNING/Running x1");
    double lateness = tagged.get(0).get("states").get(0).get("sum_estimated_lateness").asDouble();
    assertThat(lateness).isCloseTo(ChronoUnit.MICROS.between(start.plusMinutes(5), started) / 1e6, within(0.001));
    assertThat(tagged.get(0).get("states").get(0).get("sum_estimated_run_time").asDouble()).isNotNegative();
    assertThat(states(tagged.get(1))).isEmpty();
  }

  @Test
  void badHistoriesAre422SayingWhatToAskInstead() throws Exception {
    Answer missing = send("POST", "/flow_runs/history", "{\"history_end\": \"" + start + "\","
        + " \"history_interval_seconds\": 60}");
    Answer tooShort = history("0.5", "");
    Answer tooMany = history("6", "");
    Answer notADuration = history("\"soon\"", "");
    Answer backwards = send("POST", "/flow_runs/history", "{\"history_start\": \"" + start + "\", \"history_end\": \""
        + start.minusHours(1) + "\", \"history_interval_seconds\": 60}");

    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"history_start\"]");
    assertThat(tooShort.status()).isEqualTo(422);
    assertThat(tooShort.body().get("detail").asText()).isEqualTo("History interval must not be less than 1 second.");
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.body().get("detail").asText()).isEqualTo("A history of 600 intervals is too long: at most 500;"
        + " ask with history_interval_seconds of at least 8 or a shorter time range");
    assertThat(notADuration.status()).isEqualTo(422);
    assertThat(notADuration.body().at("/exception_detail/0/loc").toString())
        .isEqualTo("[\"body\",\"history_interval_seconds\"]");
    assertThat(backwards.status()).isEqualTo(422);
    assertThat(backwards.body().get("detail").asText()).contains("is before history_start").endsWith("; swap them");
    assertThat(history("7.2", "").body()).as("500 intervals are fine").hasSize(500);
  }
}
