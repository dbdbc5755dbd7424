package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Against a plain Prefect API (the test's ferry server behind a proxy that answers its {@code /api/ferry/} paths 404,
 * as Prefect does, so the agent polls {@code get_runs}): the default poll interval is short, a poll that claimed
 * runs is followed by another at once, and a 429 with {@code Retry-After} holds the next poll that long.
 */
class PlainPrefectPollIT extends AgentTest {
  /** What a run created just after a poll waits at most to be claimed at the defaults; the old 10 s could not. */
  private static final Duration CLAIMED_WITHIN = Duration.ofSeconds(4);
  private static final Duration LONG_INTERVAL = Duration.ofSeconds(60);
  private static final String GET_RUNS = "/get_runs";

  private final List<Fixtures.Sent> sent = new ArrayList<>();
  private final ListAppender<ILoggingEvent> agentLog = new ListAppender<>();

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger("ferry.agent")).detachAppender(agentLog);
  }

  @Test
  void runCreatedJustAfterAPollIsClaimedWithinTheDefaultPollInterval() {
    Deployment deployment = Fixtures.processDeployment(client, "quick", "quick", List.of("true"), null);
    startAgent(plainPrefect(), options("quick"));

    for (int i = 0; i < 3; i++) {
      int polls = getRuns().size();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> getRuns().size() > polls);
      UUID run = Fixtures.scheduleRun(client, deployment).id();
      Awaitility.await().atMost(CLAIMED_WITHIN).until(() -> state(run) != StateType.SCHEDULED);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(run) == StateType.COMPLETED);
    }
  }

  @Test
  void aPollThatClaimedARunPollsAgainAtOnceAndOneThatFoundNoneWaits() {
    Deployment deployment = Fixtures.processDeployment(client, "again", "again", List.of("true"), null);
    UUID run = Fixtures.scheduleRun(client, deployment).id();

    startAgent(plainPrefect(), options("again").queryInterval(LONG_INTERVAL));

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(run) == StateType.COMPLETED);
    assertThat(getRuns()).as("the poll that claimed the run, then one at once").hasSize(2);
    Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
        .until(() -> getRuns().size() == 2);
  }

  @Test
  void aPollThatTookTheLastFreeSlotDoesNotPollAgain() {
    Deployment deployment = Fixtures.processDeployment(client, "full", "full", List.of("sleep", "1"), null);
    UUID first = Fixtures.scheduleRun(client, deployment).id();
    UUID second = Fixtures.scheduleRun(client, deployment).id();

    startAgent(plainPrefect(), options("full").limit(1).queryInterval(LONG_INTERVAL));

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> state(first) != StateType.SCHEDULED || state(second) != StateType.SCHEDULED);
    Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
        .until(() -> getRuns().size() == 1);
    assertThat(List.of(state(first), state(second))).containsOnlyOnce(StateType.SCHEDULED);
  }

  @Test
  void aRateLimitedPollWaitsAsLongAsRetryAfterSaysAndSaysSoOnce() {
    Deployment deployment = Fixtures.processDeployment(client, "limited", "limited", List.of("true"), null);
    UUID run = Fixtures.scheduleRun(client, deployment).id();
    AtomicInteger refusedPolls = new AtomicInteger();
    // from the first get_runs on, every call is refused until two get_runs were: one rate-limited stretch
    URI api = Fixtures.prefectOnly(vertx, server.apiUrl(), sent, request -> {
      boolean poll = request.path().endsWith(GET_RUNS);
      if (refusedPolls.get() >= 2 || !poll && refusedPolls.get() == 0) {
        return false;
      }
      if (poll) {
        refusedPolls.incrementAndGet();
      }
      request.response().setStatusCode(429).putHeader("retry-after", "2").putHeader("content-type", "application/json")
          .end("{\"detail\": \"Rate limit exceeded\"}");
      return true;
    });
    listenToTheAgent();

    startAgent(new OrchestrationClient(vertx, api, null), options("limited").queryInterval(Duration.ofMillis(200)));

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(run) == StateType.COMPLETED);
    List<Fixtures.Sent> polls = getRuns();
    assertThat(polls).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 1; i <= 2; i++) {
      assertThat(Duration.ofNanos(polls.get(i).nanos() - polls.get(i - 1).nanos()))
          .as("the poll after the 429 number %d", i).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }
    assertThat(agentLog.list).map(ILoggingEvent::getFormattedMessage)
        .filteredOn(line -> line.contains("asks ferry to slow down")).singleElement().asString()
        .contains("429", "Waiting 2.0 s before the next call, as its Retry-After says");
  }

  /** The test's server as a plain Prefect API: its claim, heartbeats and launch records hidden. */
  private OrchestrationClient plainPrefect() {
    return new OrchestrationClient(vertx, Fixtures.prefectOnly(vertx, server.apiUrl(), sent), null);
  }

  private void listenToTheAgent() {
    agentLog.start();
    ((Logger) LoggerFactory.getLogger("ferry.agent")).addAppender(agentLog);
  }

  /** The get_runs calls the agent made so far, in order. */
  private List<Fixtures.Sent> getRuns() {
    synchronized (sent) {
      return sent.stream().filter(request -> request.uri().endsWith(GET_RUNS)).toList();
    }
  }
}
