package dev.ferry.cli;

import dev.ferry.cli.commands.agent.AgentCommand;
import dev.ferry.cli.commands.server.ServerCommand;
import dev.ferry.model.FlowRun;
import dev.ferry.model.WorkQueue;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** The ferry command line. */
public final class Main {
  /** What an agent reads first: its work queues, then the runs it claims. */
  private static final List<Class<?>> AGENT_READS = List.of(WorkQueue.class, FlowRun.class);

  private Main() {}

  public static void main(String[] args) {
    // Netty's buffer events load the JFR runtime, a few hundred milliseconds at start; ferry records none
    System.getProperties().putIfAbsent("io.netty.jfr.enabled", "false");
    // host names are resolved by the JDK, as every other program here resolves them (nsswitch.conf,
    // /etc/hosts), rather than by Vert.x's own DNS client, which is also a hundred classes more
    System.getProperties().putIfAbsent("vertx.disableDnsResolver", "true");
    List<Class<?>> nouns = FerryCommand.nounsFor(args);
    if (!nouns.contains(ServerCommand.class)) { // the server makes a Vert.x of its own
      Preload.start(nouns.contains(AgentCommand.class) ? AGENT_READS : List.of());
    }
    CliEnvironment environment = new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(), System.out);
    System.exit(run(environment, args));
  }

  /** Runs one command line and returns its exit code. */
  public static int run(CliEnvironment environment, String... args) {
    CommandLine cli = new CommandLine(new FerryCommand(), new CommandFactory(environment));
    FerryCommand.nounsFor(args).forEach(cli::addSubcommand);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setDefaultValueProvider(new SettingDefaults(environment.sources()));
    cli.setOut(new java.io.PrintWriter(environment.out(), true));
    return cli.execute(args);
  }
}
