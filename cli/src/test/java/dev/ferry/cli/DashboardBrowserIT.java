package dev.ferry.cli;

import static dev.ferry.cli.FerryProcess.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.testing.TestBrowser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard in a real browser: a {@code ferry server start} with an agent on the queue prod and a
 * history made through the real ferry jar (a completed and a failed run, deployments with tags on a
 * local-file-system block and a process block), and for each scenario a node:test file in
 * {@code src/test/browser} driving headless Chromium against the server's dashboard.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
  private static final String FLOWS = """
      import os
      import time

      def etl(rows: int = 1, table: str = "events"):
          print(f"GREETING={os.environ.get('GREETING')}", flush=True)
          print(f"LOG_LEVEL={os.environ.get('LOG_LEVEL')}", flush=True)
          for row in range(1, rows + 1):
              print(f"loaded row {row} into {table}", flush=True)

      def report():
          raise ValueError("the report table is empty")

      def slow(stop_file: str = "", ticks: int = 1200):
          for tick in range(1, ticks + 1):
              if stop_file and os.path.exists(stop_file):
                  break
              print(f"tick {tick}", flush=True)
              time.sleep(0.5)
          print("slow run done", flush=True)
      """;
  private static final Pattern LISTENING = Pattern.compile("listening at (http://\\S+)/api");
  private static final Pattern CREATED = Pattern.compile("Created flow run '([^']+)' \\(([0-9a-f-]{36})\\)");
  private static final String API_KEY = "dashboard-test-key";

  private Path root;
  private Path project;
  private BrowserTests browser;
  private FerryProcess ferry;
  private final Deque<Process> daemons = new ArrayDeque<>(); // the last started first
  private String dashboard;
  private Process agent;
  private final Map<String, String> history = new HashMap<>();

  @BeforeAll
  void serverAgentAndHistory(@TempDir Path root) throws Exception {
    this.root = root;
    browser = new BrowserTests(TestBrowser.chromium());
    browser.install();
    project = Files.createDirectories(root.resolve("project"));
    Files.createDirectories(project.resolve("flows"));
    Files.writeString(project.resolve("flows/flows.py"), FLOWS);
    dashboard = server(new FerryProcess(project, root.resolve("server-home")));
    ferry = new FerryProcess(project, root.resolve("home")).withEnv(Map.of("PREFECT_API_URL", dashboard + "/api"));
    Path store = Files.createDirectories(root.resolve("store"));
    succeeds(ferry.run("block", "create", "local-file-system", "shared", "--set", "basepath=" + store));
    succeeds(ferry.run("block", "create", "process", "local", "--set", "env={\"GREETING\": \"from the block\"}"));
    deploy("etl", "nightly", "etl");
    agent = daemon(ferry, "agent", "start", "-q", "prod", "--query-interval", "0.5", "--drain-timeout", "1");
    deploy("report", "daily", "reports");
    deploy("slow", "live", "slow");
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> ferry.read(agent, "err").contains("polling work queues"));

    history.put("FERRY_URL", dashboard);
    history.put("DEPLOYMENT_ID", inspect("deployment", "etl/nightly").path("id").asText());
    Process etl = ferry.start("deployment", "run", "etl/nightly", "--param", "rows=2", "--watch");
    FerryProcess.Result report = ferry.finish(ferry.start("deployment", "run", "report/daily", "--watch"));
    JsonNode completed = ferry.inspect(created(ferry.finish(etl)).id());
    Created failed = created(report);
    assertThat(completed.path("state").path("type").asText()).isEqualTo("COMPLETED");
    assertThat(report.out()).contains("finished in state Failed");
    history.putAll(Map.of("COMPLETED_RUN_ID", completed.path("id").asText(),
        "COMPLETED_RUN_NAME", completed.path("name").asText(),
        "COMPLETED_RUN_START", completed.path("expected_start_time").asText(),
        "FAILED_RUN_ID", failed.id(), "FAILED_RUN_NAME", failed.name()));
  }

  @AfterAll
  void stopDaemons() throws InterruptedException {
    for (Process daemon : daemons) {
      daemon.destroy();
      daemon.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void listRuns() throws Exception {
    pass("runs.test.mjs", history);
  }

  @Test
  void filterRunsByTag() throws Exception {
    pass("runs-filter.test.mjs", history);
  }

  @Test
  void openARunAndWatchItsLogsArrive() throws Exception {
    Path stop = root.resolve("stop-" + System.nanoTime());
    Created run = created(ferry.run("deployment", "run", "slow/live", "--param", "stop_file=" + stop));

    pass("run-logs.test.mjs", with(Map.of("RUN_ID", run.id(), "RUN_NAME", run.name(), "STOP_FILE", stop.toString())));
  }

  @Test
  void cancelARun() throws Exception {
    Created run = created(ferry.run("deployment", "run", "slow/live")); // the page waits for it to be Running

    pass("run-cancel.test.mjs", with(Map.of("RUN_ID", run.id(), "RUN_NAME", run.name())));

    assertThat(ferry.state(run.id()).path("type").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void retryAFailedRunAndSeeAnAgentRunItAgain() throws Exception {
    Created run = created(ferry.run("deployment", "run", "report/daily"));

    pass("run-retry.test.mjs", with(Map.of("RUN_ID", run.id(), "RUN_NAME", run.name())));

    JsonNode retried = ferry.inspect(run.id());
    assertThat(retried.path("state").path("type").asText()).isEqualTo("FAILED");
    assertThat(retried.path("run_count").asInt()).isEqualTo(2);
  }

  @Test
  void pickABarOfTheRunsChartToSeeItsRuns() throws Exception {
    Created later = created(ferry.run("deployment", "run", "slow/live", "--start-in", "12 hours"));

    pass("runs-chart.test.mjs", with(Map.of("LATER_RUN_NAME", later.name())));
  }

  @Test
  void theRunsPagesFitAPhonesWidth() throws Exception {
    pass("phone.test.mjs", history);
  }

  @Test
  void runADeploymentWithParameters() throws Exception {
    pass("deployment-run.test.mjs", history);
  }

  @Test
  void saveADeploymentsOverridesAndSeeTheNextRunPrintThem() throws Exception {
    pass("deployment-overrides.test.mjs", history);

    assertThat(inspect("deployment", "etl/nightly").path("infra_overrides"))
        .isEqualTo(Json.object().put("env.LOG_LEVEL", "DEBUG"));
  }

  @Test
  void pauseAndResumeAScheduleAndAWorkQueue() throws Exception {
    // once a year, on a queue of its own: what the schedule plans stays out of the other scenarios' way
    succeeds(ferry.run("deployment", "build", "flows/flows.py:report", "-n", "yearly", "-q", "nightly",
        "--cron", "0 6 1 1 *", "--apply"));

    for (String verb : List.of("Pause", "Resume")) {
      pass("schedule-queue.test.mjs", Map.of("FERRY_URL", dashboard, "SWITCH", verb, "DEPLOYMENT", "report/yearly",
          "QUEUE", "nightly"));

      boolean paused = verb.equals("Pause");
      assertThat(inspect("deployment", "report/yearly").path("is_schedule_active").asBoolean()).isEqualTo(!paused);
      assertThat(inspect("work-queue", "nightly").path("is_paused").asBoolean()).isEqualTo(paused);
    }
  }

  @Test
  void editABlocksEnvAndSeeTheNextRunPrintIt() throws Exception {
    String greeting = "set in the dashboard";

    pass("block-env.test.mjs", with(Map.of("GREETING", greeting)));

    assertThat(ferry.run("block", "inspect", "process/local").out()).contains(greeting);
  }

  @Test
  void theDashboardAsksForTheApiKeyTheServerWants() throws Exception {
    FerryProcess keyedServer = new FerryProcess(project, root.resolve("keyed-server-home"))
        .withEnv(Map.of("FERRY_SERVER_API_KEY", API_KEY));
    String keyed = server(keyedServer);
    FerryProcess client = ferry.withEnv(Map.of("PREFECT_API_URL", keyed + "/api", "PREFECT_API_KEY", API_KEY));
    succeeds(client.run("deployment", "build", "flows/flows.py:etl", "-n", "keyed", "-q", "keyed", "--apply"));
    String run = created(client.run("deployment", "run", "etl/keyed")).name();

    pass("api-key.test.mjs", Map.of("FERRY_URL", keyed, "FERRY_API_KEY", API_KEY, "RUN_NAME", run));
  }

  /** Runs a browser test file with {@code env}; a failure shows the agent's log after node's report. */
  private void pass(String file, Map<String, String> env) throws Exception {
    try {
      browser.pass(file, env);
    } catch (AssertionError failed) {
      throw new AssertionError(failed.getMessage() + "\nThe agent's log:\n" + ferry.read(agent, "err"), failed);
    }
  }

  /** Starts {@code ferry server start} on a free port; the address it serves the dashboard at. */
  private String server(FerryProcess ferry) throws Exception {
    Process server = daemon(ferry, "server", "start", "--port", "0");
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      assertThat(server.isAlive()).as("ferry server start exited: %s", ferry.read(server, "err")).isTrue();
      return LISTENING.matcher(ferry.read(server, "out")).find();
    });
    String out = ferry.read(server, "out");
    Matcher listening = LISTENING.matcher(out);
    assertThat(listening.find()).isTrue();
    assertThat(out).contains("The dashboard is at " + listening.group(1) + "/");
    return listening.group(1);
  }

  private Process daemon(FerryProcess ferry, String... args) throws Exception {
    Process process = ferry.start(args);
    daemons.push(process);
    return process;
  }

  /** A deployment of a flow in flows.py on the queue prod, with its code on the shared block, run as a process. */
  private void deploy(String flow, String name, String tag) throws Exception {
    succeeds(ferry.run("deployment", "build", "flows/flows.py:" + flow, "-n", name, "-q", "prod", "-t", tag,
        "-sb", "local-file-system/shared/flows", "-ib", "process/local", "--apply"));
  }

  /** A flow run that a {@code deployment run} created, as it printed it. */
  private record Created(String id, String name) {}

  private static Created created(FerryProcess.Result run) {
    Matcher created = CREATED.matcher(run.out());
    assertThat(created.find()).as(run.out() + run.err()).isTrue();
    return new Created(created.group(2), created.group(1));
  }

  /** What {@code ferry NOUN inspect NAME} prints, e.g. a deployment or a work queue. */
  private JsonNode inspect(String noun, String name) throws Exception {
    FerryProcess.Result inspect = ferry.run(noun, "inspect", name);
    succeeds(inspect);
    return Json.tree(inspect.out());
  }

  private Map<String, String> with(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(history);
    all.putAll(values);
    return all;
  }
}
