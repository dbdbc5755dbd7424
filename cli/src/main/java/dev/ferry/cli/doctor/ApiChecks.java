package dev.ferry.cli.doctor;

import static dev.ferry.cli.ApiSession.await;

import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import dev.ferry.model.WorkQueue;
import dev.ferry.settings.FerrySettings;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Whether the API answers, as what, with the key given, and whether it knows the queues an agent would poll. */
final class ApiChecks {
  private final OrchestrationClient client;
  private final FerrySettings settings;

  ApiChecks(OrchestrationClient client, FerrySettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** The API and the key; a failed one means nothing more can be asked of the API. */
  List<Check> connection() {
    if (settings.embedded()) {
      return List.of(Check.ok("API", "embedded, on " + settings.database()
          + " (set PREFECT_API_URL or --api to check a server instead)"));
    }
    String subject = "API " + settings.apiUrl();
    try {
      await(client.health());
    } catch (ApiException e) {
      return switch (e.status()) {
        case 0 -> List.of(Check.failed(subject, "cannot connect: " + e.getCause().getMessage(),
            "start it ('ferry server start'), or point PREFECT_API_URL (or --api) at where it runs"));
        case 401, 403 -> List.of(Check.ok(subject, "answers"), keyRefused(e.status()));
        case 404 -> List.of(Check.failed(subject, "answers 404 to /health: this is not the root of a Prefect API",
            "give the API's root, which ends in /api, e.g. http://127.0.0.1:4200/api"));
        default -> List.of(Check.failed(subject, e.getMessage(), "look at the server's log"));
      };
    }
    String version = await(client.serverVersion());
    String what = (ferryServer() ? "a ferry server" : "a Prefect server") + " of Prefect API " + version;
    Check server = version.startsWith("2.") ? Check.ok(subject, "answers: " + what)
        : Check.failed(subject, "answers: " + what + ", which ferry does not speak",
            "point PREFECT_API_URL at a Prefect 2 or ferry server");
    Check key = Check.ok("API key", settings.apiKey() == null ? "none set, and the server asks for none" : "accepted");
    return List.of(server, key);
  }

  private Check keyRefused(int status) {
    return Check.failed("API key", settings.apiKey() == null ? "none set, and the server asks for one (" + status + ")"
        : "refused by the server (" + status + ")", "set PREFECT_API_KEY to the server's key"
        + " (FERRY_SERVER_API_KEY where a ferry server runs)");
  }

  private boolean ferryServer() {
    try {
      await(client.ferryInfo());
      return true;
    } catch (ApiException e) {
      if (e.notFound()) {
        return false;
      }
      throw e;
    }
  }

  /** Each queue by name; none given is worth a word, since then only the machine is checked. */
  List<Check> queues(List<String> names) {
    if (names.isEmpty()) {
      return List.of(Check.warning("work queues", "none given", "give the queues an agent polls with -q NAME"
          + " (or FERRY_AGENT_WORK_QUEUES) to check them and what their deployments need"));
    }
    List<Check> checks = new ArrayList<>();
    for (String name : names) {
      checks.add(queue(name));
    }
    return checks;
  }

  private Check queue(String name) {
    String subject = "work queue '" + name + "'";
    WorkQueue queue;
    try {
      queue = await(client.readWorkQueueByName(name));
    } catch (ApiException e) {
      if (!e.notFound()) {
        throw e;
      }
      List<String> known = await(client.filterWorkQueues(Json.object())).stream().map(WorkQueue::name).toList();
      return Check.failed(subject, "not on the server (" + (known.isEmpty() ? "it has none" : "it has: "
          + String.join(", ", known)) + ")", "check the name; 'ferry work-queue create " + name
          + "' creates it, and so does an agent started with -q " + name);
    }
    if (queue.isPaused()) {
      return Check.warning(subject, "paused: its runs wait", "ferry work-queue resume " + name);
    }
    String limit = queue.concurrencyLimit() == null ? "" : ", at most " + queue.concurrencyLimit() + " runs at once";
    return Check.ok(subject, "on the server" + limit + ", " + lastPolled(queue.lastPolled()));
  }

  private static String lastPolled(OffsetDateTime polled) {
    if (polled == null) {
      return "no agent has polled it yet";
    }
    Duration ago = Duration.between(polled, OffsetDateTime.now());
    return "last polled " + (ago.toSeconds() < 120 ? ago.toSeconds() + " s" : ago.toMinutes() + " min") + " ago";
  }
}
