package dev.ferry.bench;

import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The floor under the agent's start-up and memory: a JVM that makes Vert.x as the agent does, polls
 * one work queue once with Prefect's get_runs and then idles. {@link AgentBench} runs it with the
 * agent's JVM options; what the agent takes beyond it is ferry's own. Arguments: API URL, queue id,
 * {@code idle} or {@code exit} once answered (a training run for its class-data archive), and
 * {@code json} to write the request and read the answer with the wire model's Jackson mapper, as
 * the agent does.
 */
public final class VertxFloor {
  private static HttpClient client; // held: Vert.x closes a client that is no longer reachable

  private VertxFloor() {}

  public static void main(String[] args) {
    System.setProperty("io.netty.jfr.enabled", "false"); // as the ferry CLI sets them
    System.setProperty("vertx.disableDnsResolver", "true");
    boolean json = args.length > 3 && args[3].equals("json");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    RequestOptions poll = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(args[0] + "/work_queues/" + args[1] + "/get_runs")
        .putHeader("content-type", "application/json");
    String body = json ? Json.write(Map.of("scheduled_before", OffsetDateTime.now())) : "{}";
    client = vertx.createHttpClient();
    client.request(poll).compose(request -> request.send(body)).compose(response -> response.statusCode() == 200
        ? response.body() : Future.<Buffer>failedFuture("HTTP " + response.statusCode())).onComplete(answer -> {
          try {
            if (json) {
              Json.MAPPER.readValue(answer.result().toString(), FlowRun[].class);
            }
          } catch (Exception | Error e) {
            System.err.println("the floor's poll failed: " + (answer.failed() ? answer.cause() : e));
            System.exit(1);
          }
          if (args[2].equals("exit")) {
            System.exit(0);
          }
        }); // otherwise Vert.x's threads keep the JVM idling until the bench stops it
  }
}
