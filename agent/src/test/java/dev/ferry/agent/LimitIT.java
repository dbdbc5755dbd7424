package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.Deployment;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An agent with {@code --limit 2} never holds more than two runs, by the runs' own state histories. */
class LimitIT extends AgentTest {
  @Test
  void limitTwoWithTenRunsNeverHoldsMoreThanTwo() {
    Deployment deployment = Fixtures.processDeployment(client, "limited", "limited", List.of("sleep", "0.5"), null);
    List<UUID> runs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      runs.add(Fixtures.scheduleRun(client, deployment).id());
    }

    startAgent(options("limited").limit(2));

    assertMostAtOnce(runs, 2);
  }

  @Test
  void theLimitHoldsAcrossQueues() {
    Deployment left = Fixtures.processDeployment(client, "left", "left", List.of("sleep", "0.5"), null);
    Deployment right = Fixtures.processDeployment(client, "right", "right", List.of("sleep", "0.5"), null);
    List<UUID> runs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      runs.add(Fixtures.scheduleRun(client, left).id());
      runs.add(Fixtures.scheduleRun(client, right).id());
    }

    startAgent(options("left", "right").limit(2));

    assertMostAtOnce(runs, 2);
  }

  private void assertMostAtOnce(List<UUID> runs, int limit) {
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> runs.stream().allMatch(run -> state(run) == StateType.COMPLETED));
    List<OffsetDateTime[]> held = new ArrayList<>();
    for (UUID run : runs) {
      List<State> states = await(client.readFlowRunStates(run));
      held.add(new OffsetDateTime[] {timeOf(states, StateType.PENDING), timeOf(states, StateType.COMPLETED)});
    }
    assertThat(mostAtOnce(held)).isEqualTo(limit);
  }

  private static OffsetDateTime timeOf(List<State> states, StateType type) {
    return states.stream().filter(state -> state.type() == type).findFirst().orElseThrow().timestamp();
  }

  /** The most intervals that overlap at any one time. */
  private static int mostAtOnce(List<OffsetDateTime[]> intervals) {
    int most = 0;
    for (OffsetDateTime[] probe : intervals) {
      int overlapping = 0;
      for (OffsetDateTime[] other : intervals) {
        if (!other[0].isAfter(probe[0]) && other[1].isAfter(probe[0])) {
          overlapping++;
        }
      }
      most = Math.max(most, overlapping);
    }
    return most;
  }
}
