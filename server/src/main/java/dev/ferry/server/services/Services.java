package dev.ferry.server.services;

import dev.ferry.model.Deployment;
import dev.ferry.server.db.Columns;
import dev.ferry.server.db.Database;
import dev.ferry.server.db.DeploymentRepository;
import dev.ferry.server.db.Where;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's background services, each a periodic timer: the scheduler, late runs and the
 * lost-run reaper. Every one is safe with several replicas running it at once: they write
 * through idempotency keys and compare-and-set state changes only.
 */
public final class Services implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);

  private final Vertx vertx;
  private final Database db;
  private final ServiceSettings settings;
  private final DeploymentRepository deployments = new DeploymentRepository();
  private final Scheduler scheduler = new Scheduler();
  private final LateRuns lateRuns = new LateRuns();
  private final LostRunReaper reaper = new LostRunReaper();
  private final List<Long> timers = new ArrayList<>();

  public Services(Vertx vertx, Database db, ServiceSettings settings) {
    this.vertx = vertx;
    this.db = db;
    this.settings = settings;
  }

  public void start() {
    every(settings.schedulerInterval(), "scheduler", this::scheduleAll);
    every(settings.lateRunsInterval(), "late runs",
        () -> db.transaction(c -> lateRuns.mark(c, Columns.now(), settings.lateAfter())));
    // Agents cannot heartbeat while the server is down: the reaper first gives them a full
    // timeout after the server starts, so a server outage does not crash the runs agents hold.
    long reapFrom = System.nanoTime() + settings.heartbeatTimeout().toNanos();
    every(settings.reaperInterval(), "lost-run reaper", () -> System.nanoTime() - reapFrom < 0
        ? Future.succeededFuture(0)
        : db.transaction(c -> reaper.reap(c, Columns.now(), settings.heartbeatTimeout())));
  }

  /** Creates the missing scheduled runs of one deployment now, for the next 100 days; the answer is how many. */
  public Future<Integer> schedule(UUID deploymentId) {
    Instant now = Columns.now().toInstant();
    return schedule(deploymentId, now, now.plus(Scheduler.HORIZON), Scheduler.MAX_RUNS);
  }

  /** Creates the missing scheduled runs of one deployment between two times; the answer is how many. */
  public Future<Integer> schedule(UUID deploymentId, Instant start, Instant end, int maxRuns) {
    return db.transaction(c -> {
      var deployment = deployments.byId(c, deploymentId);
      return deployment.isEmpty() ? 0 : scheduler.schedule(c, deployment.get(), start, end, maxRuns);
    });
  }

  private Future<Integer> scheduleAll() {
    Where active = new Where().condition("d.is_schedule_active = 1").condition("d.schedule IS NOT NULL");
    return db.read(c -> deployments.filter(c, active, Integer.MAX_VALUE, 0)).compose(found -> {
      Future<Integer> total = Future.succeededFuture(0);
      for (Deployment deployment : found) {
        total = total.compose(sum -> schedule(deployment.id()).map(n -> sum + n).recover(error -> {
          LOG.warn("Cannot schedule runs of deployment {}: {}", deployment.id(), error.getMessage());
          return Future.succeededFuture(sum);
        }));
      }
      return total;
    });
  }

  private void every(Duration interval, String name, Supplier<Future<Integer>> work) {
    boolean[] running = {false};
    timers.add(vertx.setPeriodic(interval.toMillis(), id -> {
      if (running[0]) {
        return;
      }
      running[0] = true;
      work.get().onComplete(result -> {
        running[0] = false;
        if (result.failed()) {
          LOG.warn("The {} service failed this round: {}", name, result.cause().getMessage());
        } else if (result.result() > 0) {
          LOG.info("The {} service changed {} flow runs", name, result.result());
        }
      });
    }));
  }

  @Override
  public void close() {
    timers.forEach(vertx::cancelTimer);
  }
}
