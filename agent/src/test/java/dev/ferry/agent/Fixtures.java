package dev.ferry.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Deployments and runs that agent tests create through the real API. */
final class Fixtures {
  private Fixtures() {}

  /** A deployment on {@code queue} whose saved process block runs {@code command}; {@code code} may be null. */
  static Deployment processDeployment(OrchestrationClient client, String name, String queue, List<String> command,
      Path code) {
    BlockSchema schema = await(client.readBlockSchema(BlockCatalog.bySlug("process").checksum()));
    ObjectNode data = Json.object().put("type", "process");
    data.set("command", Json.toTree(command));
    ObjectNode block = Json.object().put("name", name).put("is_anonymous", false)
        .put("block_schema_id", schema.id().toString()).put("block_type_id", schema.blockTypeId().toString());
    block.set("data", data);
    UUID infrastructure = await(client.createBlockDocument(block)).id();
    UUID flow = await(client.createFlow(name)).id();
    ObjectNode body = Json.object().put("name", name).put("flow_id", flow.toString()).put("work_queue_name", queue)
        .put("path", code == null ? null : code.toString()).put("entrypoint", "flow.py:main")
        .put("infrastructure_document_id", infrastructure.toString());
    return await(client.createDeployment(body));
  }

  /** A run of a deployment, SCHEDULED for now. */
  static FlowRun scheduleRun(OrchestrationClient client, Deployment deployment) {
    return scheduleRun(client, deployment, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** A run of a deployment, SCHEDULED for {@code at}. */
  static FlowRun scheduleRun(OrchestrationClient client, Deployment deployment, OffsetDateTime at) {
    ObjectNode body = Json.object();
    body.set("state", Json.toTree(State.scheduledAt(at)));
    return await(client.createFlowRun(deployment.id(), body));
  }

  /** A request an agent sent, and when it came ({@link System#nanoTime()}). */
  record Sent(String method, String uri, String body, long nanos) {}

  /**
   * The API of a plain Prefect server in front of a ferry server: every {@code /api/ferry/} path
   * answers 404, as Prefect does, so agents fall back to Prefect's protocol. Returns its API URL.
   */
  static URI prefectOnly(Vertx vertx, URI apiUrl) {
    return prefectOnly(vertx, apiUrl, new java.util.ArrayList<>());
  }

  /** As {@link #prefectOnly(Vertx, URI)}, adding every other request to {@code sent}. */
  static URI prefectOnly(Vertx vertx, URI apiUrl, List<Sent> sent) {
    return prefectOnly(vertx, apiUrl, sent, request -> false);
  }

  /**
   * As {@link #prefectOnly(Vertx, URI, List)}, but a request (its body read) that {@code stub} answers itself,
   * returning true, is not passed on.
   */
  static URI prefectOnly(Vertx vertx, URI apiUrl, List<Sent> sent, Predicate<HttpServerRequest> stub) {
    HttpClient upstream = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(32));
    HttpServer proxy = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().startsWith("/api/ferry/")) {
        request.response().setStatusCode(404).end("{\"detail\": \"Not Found\"}");
        return;
      }
      request.body().compose(body -> {
        synchronized (sent) {
          sent.add(new Sent(request.method().name(), request.uri(), body.toString(), System.nanoTime()));
        }
        if (stub.test(request)) {
          return Future.succeededFuture();
        }
        return upstream.request(request.method(), apiUrl.getPort(), apiUrl.getHost(), request.uri())
          .compose(forward -> forward.putHeader("content-type", "application/json").send(body))
          .compose(answer -> answer.body().compose(answerBody -> request.response().setStatusCode(answer.statusCode())
              .putHeader("content-type", "application/json").end(answerBody)));
      }).onFailure(error -> request.response().setStatusCode(502).end(error.toString()));
    });
    await(proxy.listen(0, "127.0.0.1"));
    return URI.create("http://127.0.0.1:" + proxy.actualPort() + "/api");
  }

  static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
