package dev.ferry.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.agent.Agent;
import dev.ferry.agent.AgentOptions;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server benchmarks, printed as numbers with the baseline each is compared with in the same run:
 * get_runs latency with 100,000 finished runs in the queue (baseline: an empty history), claims
 * per second with 8 concurrent claimers on Prefect's protocol (baseline: 1 claimer) and with
 * ferry's claim (baseline: Prefect's protocol), and dispatch latency from create_flow_run to an
 * agent's claim. On SQLite, and on PostgreSQL when FERRY_TEST_POSTGRES_URL is set.
 */
public final class ServerBench {
  private static final int HISTORY = 100_000;
  private static final int GET_RUNS_CALLS = 2_000;
  private static final int CLAIMS = 2_000;
  private static final int DISPATCHES = 50;

  private final Vertx vertx = Vertx.vertx();
  private final String database;
  private final Path scratch;

  private ServerBench(String database, Path scratch) {
    this.database = database;
    this.scratch = scratch;
  }

  public static void main(String[] args) throws Exception {
    Path scratch = Files.createTempDirectory("ferry-bench");
    List<String> databases = new ArrayList<>(List.of("jdbc:sqlite:" + scratch.resolve("bench.db")));
    String postgres = System.getenv("FERRY_TEST_POSTGRES_URL");
    if (postgres != null && !postgres.isBlank()) {
      databases.add(freshPostgres(postgres));
    }
    System.out.printf("%-11s %-48s %12s %12s %8s%n", "database", "measure", "baseline", "value", "ratio");
    for (String database : databases) {
      new ServerBench(database, scratch).run();
    }
    System.exit(0);
  }

  private void run() throws Exception {
    String name = database.startsWith("jdbc:sqlite") ? "sqlite" : "postgresql";
    try (FerryServer server = FerryServer.start(vertx, database, "127.0.0.1", 0)) {
      OrchestrationClient client = new OrchestrationClient(vertx, server.apiUrl(), null);
      Deployment deployment = deployment(client);
      UUID queue = await(client.readWorkQueueByName("bench")).id();

      long[] empty = getRunsLatencies(client, queue);
      seedHistory(deployment);
      long[] full = getRunsLatencies(client, queue);
      row(name, "get_runs p50 ms (empty vs " + HISTORY + " runs)", ms(percentile(empty, 50)), ms(percentile(full, 50)));
      row(name, "get_runs p99 ms (empty vs " + HISTORY + " runs)", ms(percentile(empty, 99)), ms(percentile(full, 99)));

      double one = claimsPerSecond(client, deployment, queue, 1, CLAIMS / 4, ServerBench::proposePending);
      double eight = claimsPerSecond(client, deployment, queue, 8, CLAIMS, ServerBench::proposePending);
      double eightClaiming = claimsPerSecond(client, deployment, queue, 8, CLAIMS, ServerBench::ferryClaim);
      row(name, "claims/s get_runs+set_state (1 vs 8 claimers)", one, eight);
      row(name, "claims/s 8 claimers (set_state vs ferry claim)", eight, eightClaiming);

      long[] dispatch = dispatchLatencies(client, deployment);
      row(name, "dispatch create_flow_run -> claim p50 ms", Double.NaN, ms(percentile(dispatch, 50)));
      row(name, "dispatch create_flow_run -> claim p99 ms", Double.NaN, ms(percentile(dispatch, 99)));
      client.close();
    }
  }

  private long[] getRunsLatencies(OrchestrationClient client, UUID queue) {
    long[] latencies = new long[GET_RUNS_CALLS];
    for (int i = 0; i < GET_RUNS_CALLS; i++) {
      long start = System.nanoTime();
      await(client.getRuns(queue, 10, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10)));
      latencies[i] = System.nanoTime() - start;
    }
    return latencies;
  }

  /** One claimer's turn: takes what runs it can from the queue; how many it won, or -1 when the queue was empty. */
  private interface ClaimTurn {
    int take(OrchestrationClient client, UUID queue);
  }

  /** Prefect's agent protocol: get_runs, then set_state PENDING on each run, in random order. */
  private static int proposePending(OrchestrationClient client, UUID queue) {
    List<FlowRun> runs = await(client.getRuns(queue, 10, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10)));
    Collections.shuffle(runs);
    int won = 0;
    for (FlowRun run : runs) {
      if (await(client.setFlowRunState(run.id(), State.of(StateType.PENDING, null), false)).accepted()) {
        won++;
      }
    }
    return runs.isEmpty() ? -1 : won;
  }

  /** Ferry's claim: the server moves a batch to PENDING for this claimer in one transaction. */
  private static int ferryClaim(OrchestrationClient client, UUID queue) {
    List<FlowRun> runs = await(client.claimRuns("bench", List.of(queue), 10,
        OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10),
        Duration.ZERO));
    return runs.isEmpty() ? -1 : runs.size();
  }

  /** Claims {@code count} fresh runs with {@code claimers} concurrent loops taking turns. */
  private double claimsPerSecond(OrchestrationClient client, Deployment deployment, UUID queue, int claimers, int count,
      ClaimTurn turn) {
    for (int i = 0; i < count; i++) {
      createRun(client, deployment, OffsetDateTime.now(ZoneOffset.UTC));
    }
    AtomicInteger claimed = new AtomicInteger();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < claimers; t++) {
      Thread thread = new Thread(() -> {
        while (claimed.get() < count) {
          int won = turn.take(client, queue);
          if (won < 0) {
            return;
          }
          claimed.addAndGet(won);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return claimed.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** Server-side time from a run's creation to its PENDING state, with a long-polling agent waiting. */
  private long[] dispatchLatencies(OrchestrationClient client, Deployment deployment) throws Exception {
    // No --limit: runs are created faster than they end here, and a full agent rightly waits for a slot.
    AgentOptions options = AgentOptions.of(List.of("dispatch"), Files.createDirectories(scratch.resolve("runs")))
        .build();
    ObjectNode patch = Json.object().put("work_queue_name", "dispatch");
    await(client.patchDeployment(deployment.id(), patch));
    Agent agent = await(Agent.start(vertx, client, null, options));
    claimLatency(client, deployment); // warm-up: the agent's first run waits for its start-up work
    long[] latencies = new long[DISPATCHES];
    for (int i = 0; i < DISPATCHES; i++) {
      latencies[i] = claimLatency(client, deployment);
    }
    await(agent.drain(Duration.ofSeconds(30)));
    return latencies;
  }

  /** Creates a run and waits for an agent to claim it; the server-side time between the two, in nanoseconds. */
  private long claimLatency(OrchestrationClient client, Deployment deployment) {
    FlowRun run = createRun(client, deployment, OffsetDateTime.now(ZoneOffset.UTC));
    State pending = null;
    while (pending == null) {
      pending = await(client.readFlowRunStates(run.id())).stream().filter(s -> s.type() == StateType.PENDING)
          .findFirst().orElse(null);
    }
    return ChronoUnit.NANOS.between(run.created(), pending.timestamp());
  }

  /** Writes finished runs straight into the database: the API would take minutes for this many. */
  private void seedHistory(Deployment deployment) throws Exception {
    long now = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, java.time.Instant.now());
    try (Connection c = DriverManager.getConnection(database)) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO flow_run (id, created, updated, name, flow_id,"
          + " deployment_id, work_queue_name, parameters, context, empirical_policy, tags, state_id, state_type,"
          + " state_name, state_timestamp, state_details, run_count, expected_start_time, next_scheduled_start_time,"
          + " start_time, end_time, total_run_time, auto_scheduled) VALUES (?, ?, ?, ?, ?, ?, 'bench', '{}', '{}', '{}',"
          + " '[]', ?, 'COMPLETED', 'Completed', ?, '{}', 1, ?, ?, ?, ?, 1.0, 0)")) {
        for (int i = 0; i < HISTORY; i++) {
          long at = now - (HISTORY - i) * 60_000_000L;
          insert.setString(1, UUID.randomUUID().toString());
          insert.setLong(2, at);
          insert.setLong(3, at);
          insert.setString(4, "history-" + i);
          insert.setString(5, deployment.flowId().toString());
          insert.setString(6, deployment.id().toString());
          insert.setString(7, UUID.randomUUID().toString());
          for (int p = 8; p <= 12; p++) {
            insert.setLong(p, at);
          }
          insert.addBatch();
          if (i % 5_000 == 4_999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  private static FlowRun createRun(OrchestrationClient client, Deployment deployment, OffsetDateTime at) {
    ObjectNode body = Json.object();
    body.set("state", Json.toTree(State.scheduledAt(at)));
    return await(client.createFlowRun(deployment.id(), body));
  }

  private static Deployment deployment(OrchestrationClient client) {
    BlockSchema schema = await(client.readBlockSchema(BlockCatalog.bySlug("process").checksum()));
    ObjectNode data = Json.object().put("type", "process");
    data.set("command", Json.toTree(List.of("true")));
    ObjectNode block = Json.object().put("name", "bench").put("is_anonymous", false)
        .put("block_schema_id", schema.id().toString()).put("block_type_id", schema.blockTypeId().toString());
    block.set("data", data);
    UUID infrastructure = await(client.createBlockDocument(block)).id();
    UUID flow = await(client.createFlow("bench")).id();
    ObjectNode body = Json.object().put("name", "bench").put("flow_id", flow.toString()).put("work_queue_name", "bench")
        .put("infrastructure_document_id", infrastructure.toString());
    return await(client.createDeployment(body));
  }

  private static String freshPostgres(String base) throws Exception {
    String name = "ferry_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(base)) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    return base.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
  }

  private static long percentile(long[] values, int p) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static void row(String database, String measure, double baseline, double value) {
    System.out.printf("%-11s %-48s %12s %12.2f %8s%n", database, measure,
        Double.isNaN(baseline) ? "-" : String.format("%.2f", baseline), value,
        Double.isNaN(baseline) ? "-" : String.format("%.2fx", value / baseline));
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
