package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.LogRecord;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an agent keeps on disk for the next one ({@link Outbox}, {@link LeftRun}) is read back whole, once. */
class KeptRecordsTest {
  @TempDir Path runs;

  @Test
  void anOutboxIsTakenOnceAndAnUnreadableOneIsLeftWhereItIs() throws Exception {
    UUID run = UUID.randomUUID();
    LogRecord line = LogRecord.of(run, "ferry.flow_run", 20, "last words", OffsetDateTime.now(ZoneOffset.UTC));
    Outbox.FinalState state = new Outbox.FinalState(run, "brisk-yak", State.of(StateType.COMPLETED, "done"));
    new Outbox(List.of(line), List.of(state)).keep(runs);
    Path unreadable = Files.writeString(runs.resolve(".outbox-broken.json"), "{not json");

    Outbox taken = Outbox.take(runs);

    assertThat(taken.logs()).extracting(LogRecord::message).containsExactly("last words");
    assertThat(taken.states()).singleElement().satisfies(kept -> {
      assertThat(kept.flowRunId()).isEqualTo(run);
      assertThat(kept.state().type()).isEqualTo(StateType.COMPLETED);
    });
    assertThat(Outbox.take(runs).isEmpty()).as("taken once").isTrue();
    assertThat(unreadable).exists();
  }

  @Test
  void aLeftRunIsTakenOnceWithTheTimeItWasLeftAndAnUnreadableOneIsSkipped() throws Exception {
    UUID run = UUID.randomUUID();
    Path dir = Files.createDirectories(runs.resolve(run.toString()).resolve(".ferry")).getParent();
    new LeftRun(run, "vm:4242", true, 1234, null).write(dir);
    Path other = Files.createDirectories(runs.resolve(UUID.randomUUID().toString()).resolve(".ferry"));
    Files.writeString(other.resolve("left.json"), "[]");

    List<LeftRun> taken = LeftRun.takeAll(runs);

    assertThat(taken).singleElement().satisfies(left -> {
      assertThat(left.flowRunId()).isEqualTo(run);
      assertThat(left.infrastructurePid()).isEqualTo("vm:4242");
      assertThat(left.outputOffset()).isEqualTo(1234);
      assertThat(left.leftAt()).isNotNull();
    });
    assertThat(LeftRun.takeAll(runs)).as("taken once").isEmpty();
    assertThat(other.resolve("left.json")).exists();
  }
}
