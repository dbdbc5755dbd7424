package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.services.ServiceSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler, late runs and the lost-run reaper, running in a real server (with short intervals). */
class ServicesIT {
  private static final ServiceSettings FAST = new ServiceSettings(Duration.ofHours(1), Duration.ofMillis(100),
      Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1));

  @TempDir Path dir;
  private Vertx vertx;
  private FerryServer server;
  private FerryServer replica;
  private OrchestrationClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = FerryServer.start(vertx, ServerOptions.embedded(dir.resolve("ferry.db")).withServices(FAST));
    replica = FerryServer.start(vertx, ServerOptions.embedded(dir.resolve("ferry.db")).withServices(FAST));
    client = new OrchestrationClient(vertx, server.apiUrl(), null);
  }

  @AfterEach
  void stop() {
    client.close();
    replica.close();
    server.close();
    await(vertx.close());
  }

  @Test
  void scheduleCreatesEachSlotOnceEvenWhenTwoReplicasScheduleAtOnce() {
    Deployment deployment = deployment("{\"cron\": \"*/5 * * * *\", \"timezone\": \"Europe/Berlin\"}");
    OrchestrationClient other = new OrchestrationClient(vertx, replica.apiUrl(), null);
    await(Future.all(client.scheduleRuns(deployment.id()), other.scheduleRuns(deployment.id()),
        client.scheduleRuns(deployment.id())));
    other.close();

    List<FlowRun> runs = scheduledRuns(deployment.id());
    assertThat(runs).hasSize(100);
    assertThat(runs).allMatch(FlowRun::autoScheduled).allMatch(r -> r.tags().contains("auto-scheduled"))
        .allMatch(r -> r.expectedStartTime().getMinute() % 5 == 0);
    assertThat(runs.stream().map(FlowRun::expectedStartTime).distinct()).hasSize(100);
  }

  @Test
  void pausingTheScheduleDropsPlannedRunsAndStopsNewOnes() {
    Deployment deployment = deployment("{\"interval\": 3600}");
    await(client.scheduleRuns(deployment.id()));
    assertThat(scheduledRuns(deployment.id())).hasSize(100);

    await(client.setScheduleActive(deployment.id(), false));
    await(client.scheduleRuns(deployment.id()));
    assertThat(scheduledRuns(deployment.id())).isEmpty();

    await(client.setScheduleActive(deployment.id(), true));
    await(client.scheduleRuns(deployment.id()));
    assertThat(scheduledRuns(deployment.id())).hasSize(100);
  }

  @Test
  void runNobodyClaimedByItsStartTimeIsMarkedLateAndStaysClaimable() {
    Deployment deployment = deployment(null);
    FlowRun run = runAt(deployment, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> "Late".equals(await(client.readFlowRun(run.id())).stateName()));

    FlowRun late = await(client.readFlowRun(run.id()));
    assertThat(late.stateType()).isEqualTo(StateType.SCHEDULED);
    assertThat(late.nextScheduledStartTime()).isEqualTo(run.nextScheduledStartTime());
    assertThat(await(client.setFlowRunState(run.id(), State.of(StateType.PENDING, null), false)).accepted()).isTrue();
  }

  @Test
  void heldRunWhoseAgentStoppedHeartbeatingIsMarkedCrashedOrScheduledAgainWhenItNeverStarted() {
    Deployment deployment = deployment(null);
    FlowRun started = claimedRun(deployment);
    await(client.patchFlowRun(started.id(), Json.object().put("infrastructure_pid", "host:1234")));
    FlowRun neverStarted = claimedRun(deployment);
    FlowRun unbeaten = claimedRun(deployment);
    await(client.heartbeat("night-shift", List.of(started.id(), neverStarted.id())));

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> await(client.readFlowRun(started.id())).stateType() == StateType.CRASHED);

    assertThat(await(client.readFlowRun(started.id())).state().message())
        .contains("Agent 'night-shift' held this run and stopped sending heartbeats");
    FlowRun again = await(client.readFlowRun(neverStarted.id()));
    assertThat(again.stateType()).isEqualTo(StateType.SCHEDULED);
    assertThat(again.state().message()).contains("Agent 'night-shift' claimed this run and stopped before starting it");
    assertThat(await(client.readFlowRun(unbeaten.id())).stateType())
        .as("a run no agent ever heartbeat for is not ferry's to reap").isEqualTo(StateType.PENDING);
  }

  private FlowRun claimedRun(Deployment deployment) {
    FlowRun run = runAt(deployment, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5));
    await(client.setFlowRunState(run.id(), State.of(StateType.PENDING, null), false));
    return run;
  }

  private FlowRun runAt(Deployment deployment, OffsetDateTime at) {
    ObjectNode body = Json.object();
    body.set("state", Json.toTree(State.scheduledAt(at)));
    return await(client.createFlowRun(deployment.id(), body));
  }

  private List<FlowRun> scheduledRuns(UUID deploymentId) {
    ObjectNode filter = Json.object();
    filter.putObject("deployments").putObject("id").set("any_", Json.toTree(List.of(deploymentId)));
    filter.put("limit", 200);
    return await(client.filterFlowRuns(filter));
  }

  private Deployment deployment(String schedule) {
    UUID flow = await(client.createFlow("services")).id();
    ObjectNode body = Json.object().put("name", "d-" + UUID.randomUUID()).put("flow_id", flow.toString())
        .put("work_queue_name", "q");
    body.set("schedule", schedule == null ? null : Json.tree(schedule));
    return await(client.createDeployment(body));
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
