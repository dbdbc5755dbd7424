package dev.ferry.infrastructure.docker;

import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Launched;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A run's container as the agent follows it, on a thread of its own: its output handed on line by
 * line while it runs, then its end, once all of its output was handed on. Should the log break off
 * before the container ends (the engine restarting its log), the rest is read once it has ended.
 */
final class ContainerRun implements Launched {
  private final String pid;
  private final ContainerOutput output;
  private final CompletableFuture<Exit> exit = new CompletableFuture<>();

  private ContainerRun(String pid, ContainerOutput output) {
    this.pid = pid;
    this.output = output;
  }

  /** Follows the container of {@code pid} through {@code output} until {@code end}. */
  static ContainerRun follow(String pid, ContainerOutput output, ContainerEnd end) {
    ContainerRun run = new ContainerRun(pid, output);
    Thread thread = new Thread(() -> run.toTheEnd(end), "ferry-docker-" + pid);
    thread.setDaemon(true);
    thread.start();
    return run;
  }

  /** A container that ended where nobody saw: nothing of it is left but what {@code exit} says. */
  static ContainerRun ended(String pid, ContainerOutput output, Exit exit) {
    ContainerRun run = new ContainerRun(pid, output);
    run.exit.complete(exit);
    return run;
  }

  @Override
  public String infrastructurePid() {
    return pid;
  }

  @Override
  public CompletableFuture<Exit> exit() {
    return exit;
  }

  @Override
  public long detach() {
    return output.detach();
  }

  private void toTheEnd(ContainerEnd end) {
    try {
      boolean brokeOff = false;
      try {
        if (!output.read(true)) {
          return; // detached: the run goes on without this agent
        }
      } catch (IOException | RuntimeException broke) {
        if (output.detached()) {
          return;
        }
        output.say("[ferry] The output of container " + pid + " broke off (" + DockerEngine.rootMessage(broke)
            + "); the rest follows when it ends");
        brokeOff = true;
      }
      Exit ended = end.await();
      if (brokeOff) {
        readWhatIsLeft();
      }
      output.finish();
      complete(ended);
      end.removeIfAsked();
    } catch (RuntimeException e) {
      output.finish();
      complete(new Exit(-1, "could not be followed to its end (" + DockerEngine.rootMessage(e) + ")"));
    }
  }

  /** Reports the end, unless the agent left the run meanwhile. */
  private void complete(Exit ended) {
    if (!output.detached()) {
      exit.complete(ended);
    }
  }

  /** Reads the log to its end, for what the broken-off read missed. */
  private void readWhatIsLeft() {
    try {
      output.read(false);
    } catch (IOException | RuntimeException goneWithTheContainer) {
      // the container was removed meanwhile, its log with it: that the read broke off was said
    }
  }
}
