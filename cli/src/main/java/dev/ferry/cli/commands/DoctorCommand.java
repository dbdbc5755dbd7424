package dev.ferry.cli.commands;

import dev.ferry.cli.ApiOptions;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.OutputOptions;
import dev.ferry.cli.doctor.Doctor;
import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry doctor}: what this machine can run and what is missing, a check a line with the fix.
 * Exits 1 when a check failed, 0 otherwise (warnings included).
 */
@Command(name = "doctor", description = "Check what this machine can run for the given work queues, and what is missing.")
public final class DoctorCommand implements Callable<Integer> {
  private static final Map<Check.Status, String> MARKS =
      Map.of(Check.Status.OK, "✓", Check.Status.WARNING, "!", Check.Status.FAILED, "✗");
  private static final Map<Check.Status, String> ASCII_MARKS =
      Map.of(Check.Status.OK, "ok", Check.Status.WARNING, "warn", Check.Status.FAILED, "FAIL");

  private final CliEnvironment environment;

  /** What {@code -o json} prints. */
  record Report(boolean ok, List<Check> checks) {}

  @Mixin ApiOptions api;
  @Mixin OutputOptions output;

  @Option(names = {"-q", "--work-queue"}, paramLabel = "QUEUE", split = ",", descriptionKey = "FERRY_AGENT_WORK_QUEUES",
      description = "A work queue an agent here polls: checked, with what its deployments need; repeatable"
          + " (default: FERRY_AGENT_WORK_QUEUES; none: every deployment).")
  List<String> queues;

  public DoctorCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    List<Check> checks = Doctor.examine(environment.settings(api.apiUrl()), queues == null ? List.of() : queues);
    long failed = checks.stream().filter(check -> check.status() == Check.Status.FAILED).count();
    long warned = checks.stream().filter(check -> check.status() == Check.Status.WARNING).count();
    if (output.format() == OutputOptions.Format.JSON) {
      environment.out().println(Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(new Report(failed == 0, checks)));
    } else {
      Map<Check.Status, String> marks = Charset.defaultCharset().newEncoder().canEncode("✓✗") ? MARKS : ASCII_MARKS;
      checks.forEach(check -> environment.out().println(marks.get(check.status()) + " " + check.subject() + ": "
          + check.finding() + (check.fix() == null ? "" : "; fix: " + check.fix())));
      environment.out().println(failed == 0 ? "Nothing missing" + (warned == 0 ? "." : ", " + warned + " warning(s).")
          : failed + " problem(s) to mend" + (warned == 0 ? "." : ", " + warned + " warning(s)."));
    }
    return failed == 0 ? 0 : 1;
  }
}
