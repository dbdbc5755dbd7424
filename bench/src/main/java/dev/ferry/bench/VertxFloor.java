package dev.ferry.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The floor under the agent's start-up and memory: a JVM that makes Vert.x as the agent does, polls
 * one work queue once with Prefect's get_runs and then idles. {@link AgentBench} runs it with the
 * agent's JVM options; what the agent takes beyond it is ferry's own. Arguments: API URL, queue id,
 * and {@code exit} to exit once answered (a training run for its class-data archive).
 */
public final class VertxFloor {
  private static HttpClient client; // held: Vert.x closes a client that is no longer reachable

  private VertxFloor() {}

  public static void main(String[] args) {
    System.setProperty("io.netty.jfr.enabled", "false"); // as the ferry CLI sets them
    System.setProperty("vertx.disableDnsResolver", "true");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    RequestOptions poll = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(args[0] + "/work_queues/" + args[1] + "/get_runs").putHeader("content-type", "application/json");
    client = vertx.createHttpClient();
    client.request(poll).compose(request -> request.send("{}")).onComplete(response -> {
      if (response.failed() || response.result().statusCode() != 200) {
        System.err.println("the floor's poll failed: "
            + (response.failed() ? response.cause() : "HTTP " + response.result().statusCode()));
        System.exit(1);
      }
      if (args.length > 2 && args[2].equals("exit")) {
        System.exit(0);
      }
    }); // otherwise Vert.x's threads keep the JVM idling until the bench stops it
  }
}
