package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Files;
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
import org.slf4j.LoggerFactory;

/** CANCELLING runs of the agent's queues are stopped and CANCELLED; what runs elsewhere is left alone. */
class CancellationIT extends AgentTest {
  private static final Duration GRACE = Duration.ofSeconds(2);

  private Deployment deployment;

  private final ListAppender<ILoggingEvent> agentLog = new ListAppender<>();

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger("ferry.agent")).detachAppender(agentLog);
  }

  @BeforeEach
  void startAgent() {
    agentLog.start();
    ((Logger) LoggerFactory.getLogger("ferry.agent")).addAppender(agentLog);
    // A shell that ignores SIGTERM, with a child that ignores it too: only the forced stop ends them.
    deployment = Fixtures.processDeployment(client, "cancel", "cancel",
        List.of("sh", "-c", "trap '' TERM; sh -c \"trap '' TERM; sleep 300\" & wait"), null);
    startAgent(options("cancel").queryInterval(Duration.ofMillis(200)).killGrace(GRACE));
  }

  @Test
  void cancellingARunKillsItsProcessTreeWithinTheGracePeriodThenMarksItCancelled() {
    UUID run = Fixtures.scheduleRun(client, deployment).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> read(run).infrastructurePid() != null);
    String pid = read(run).infrastructurePid();
    ProcessHandle process = ProcessHandle.of(Long.parseLong(pid.substring(pid.lastIndexOf(':') + 1))).orElseThrow();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> process.descendants().count() >= 2);
    List<ProcessHandle> tree = process.descendants().toList();

    await(client.setFlowRunState(run, State.of(StateType.CANCELLING, null), false));
    long asked = System.nanoTime();

    Awaitility.await().atMost(GRACE.plusSeconds(10)).until(() -> read(run).stateType() == StateType.CANCELLED);
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(GRACE.plusSeconds(5));
    assertThat(running(process)).isFalse();
    assertThat(tree).noneMatch(CancellationIT::running);
    assertThat(read(run).state().message()).contains("was stopped");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logged(run + ") ended CANCELLED"));
    assertThat(agentLog.list).as("the exit the cancel caused is no news").noneMatch(event -> event.getLevel()
        == Level.WARN);
  }

  private boolean logged(String text) {
    return agentLog.list.stream().anyMatch(event -> event.getFormattedMessage().contains(text));
  }

  @Test
  void aRunWhoseProcessIsGoneIsCancelledWithAMessageAndOneOnAnotherHostIsLeftAlone() {
    UUID gone = cancellingRunWithPid(hostName() + ":" + Integer.MAX_VALUE);
    UUID elsewhere = cancellingRunWithPid("another-host:4242");

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> read(gone).stateType() == StateType.CANCELLED);
    Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
        .until(() -> read(elsewhere).stateType() == StateType.CANCELLING);
    assertThat(read(gone).state().message()).contains("had already ended");
  }

  @Test
  void aRunCancelledAfterItWasToldToRunAndBeforeItsPidWasRecordedIsStoppedAndCancelled() {
    Deployment command = Fixtures.processDeployment(client, "window", "window", List.of("sleep", "300"), null);
    Promise<Void> pidSent = Promise.promise();
    Promise<Void> release = Promise.promise();
    URI held = holdingThePid(pidSent, release.future());
    startAgent(new OrchestrationClient(vertx, held, null), options("window").queryInterval(Duration.ofMillis(200)));
    UUID run = Fixtures.scheduleRun(client, command).id();
    await(pidSent.future()); // RUNNING was accepted, the command started, its pid is on the way

    await(client.setFlowRunState(run, State.of(StateType.CANCELLING, null), false));
    Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
        .until(() -> read(run).stateType() == StateType.CANCELLING); // not CANCELLED while it may yet start
    release.complete();

    Awaitility.await().atMost(GRACE.plusSeconds(10)).until(() -> read(run).stateType() == StateType.CANCELLED);
    String pid = read(run).infrastructurePid();
    assertThat(ProcessHandle.of(Long.parseLong(pid.substring(pid.lastIndexOf(':') + 1))).filter(
        CancellationIT::running)).as("the command").isEmpty();
    assertThat(read(run).state().message()).contains("was stopped");
  }

  /**
   * The test's server behind a proxy that holds the agent's PATCH of a run (the one that records its pid) until
   * {@code release}, saying when it came in {@code sent}; its API URL.
   */
  private URI holdingThePid(Promise<Void> sent, Future<Void> release) {
    HttpClient upstream = vertx.createHttpClient();
    URI api = server.apiUrl();
    HttpServer proxy = vertx.createHttpServer().requestHandler(request -> request.body().compose(body -> {
      Future<Void> held = Future.succeededFuture();
      if (request.method() == HttpMethod.PATCH && request.path().startsWith("/api/flow_runs/")) {
        sent.tryComplete();
        held = release;
      }
      return held.compose(ignored -> upstream.request(request.method(), api.getPort(), api.getHost(), request.uri()))
          .compose(forward -> forward.putHeader("content-type", "application/json").send(body))
          .compose(answer -> answer.body().compose(answerBody -> request.response()
              .setStatusCode(answer.statusCode()).putHeader("content-type", "application/json").end(answerBody)));
    }).onFailure(error -> request.response().setStatusCode(502).end(error.toString())));
    await(proxy.listen(0, "127.0.0.1"));
    return URI.create("http://127.0.0.1:" + proxy.actualPort() + "/api");
  }

  /** A run of the deployment in CANCELLING that says it runs as {@code pid}, which this agent never launched. */
  private UUID cancellingRunWithPid(String pid) {
    // Scheduled an hour ahead, so the agent does not claim it before it is cancelling.
    ObjectNode body = Json.object();
    body.set("state", Json.toTree(State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))));
    UUID run = await(client.createFlowRun(deployment.id(), body)).id();
    await(client.patchFlowRun(run, Json.object().put("infrastructure_pid", pid)));
    await(client.setFlowRunState(run, State.of(StateType.CANCELLING, null), false));
    return run;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether a process still runs. A killed process whose parent died too stays a zombie until
   * PID 1 reaps it, and PID 1 of some sandboxes never does: a zombie runs nothing.
   */
  private static boolean running(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      return process.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException gone) {
      return false;
    }
  }
}
