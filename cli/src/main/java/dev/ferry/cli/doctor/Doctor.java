package dev.ferry.cli.doctor;

import dev.ferry.agent.AgentOptions;
import dev.ferry.cli.ApiSession;
import dev.ferry.doctor.Check;
import dev.ferry.error.FerryException;
import dev.ferry.settings.FerrySettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code ferry doctor} looks at, in the order a person reads it: the machine, the API
 * and the queues, then what the queues' deployments need, asked of each block's implementation.
 * Blocking: run it off any event loop.
 */
public final class Doctor {
  private Doctor() {}

  public static List<Check> examine(FerrySettings settings, List<String> queues) {
    List<Check> checks = new ArrayList<>(List.of(MachineChecks.java()));
    checks.addAll(MachineChecks.python(AgentOptions.PYTHON));
    checks.add(MachineChecks.home(settings.home()));
    ApiSession session;
    try {
      session = ApiSession.open(settings);
    } catch (FerryException e) {
      checks.add(Check.failed("API", e.getMessage(), "mend what the message names, then run ferry doctor again"));
      return checks;
    }
    try (session) {
      ApiChecks api = new ApiChecks(session.client(), settings);
      List<Check> connection = api.connection();
      checks.addAll(connection);
      if (connection.stream().noneMatch(check -> check.status() == Check.Status.FAILED)) {
        checks.addAll(api.queues(queues));
        checks.addAll(new BlockChecks(session.client()).of(queues));
      }
    }
    return checks;
  }
}
