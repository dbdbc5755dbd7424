package dev.ferry.server.api;

import dev.ferry.json.Json;
import dev.ferry.server.db.Database;
import dev.ferry.server.services.Services;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The orchestration API under {@code /api}, with Prefect's error shapes for every failure; the dashboard beside it. */
public final class ApiRouter {
  /** The Prefect API level this server answers as; Prefect's clients compare against it. */
  public static final String API_VERSION = "2.7.12";

  /** What a ferry server offers beyond Prefect's API, for clients that ask ({@code GET /api/ferry/info}). */
  private static final java.util.Map<String, Object> FERRY_INFO = java.util.Map.of("claim", true, "heartbeats", true,
      "launch_records", true);

  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

  private ApiRouter() {}

  public static Router create(Vertx vertx, Database db, Services services, String apiKey) {
    Router api = Router.router(vertx);
    if (apiKey != null && !apiKey.isEmpty()) {
      api.route().handler(new ApiKeyCheck(apiKey));
    }
    api.route().handler(BodyHandler.create().setBodyLimit(16 * 1024 * 1024));
    Replies.bind(api.get("/health"), ctx -> io.vertx.core.Future.succeededFuture(Replies.Reply.ok(true)));
    Replies.bind(api.get("/admin/version"), ctx -> io.vertx.core.Future.succeededFuture(Replies.Reply.ok(API_VERSION)));
    Replies.bind(api.get("/ferry/info"), ctx -> io.vertx.core.Future.succeededFuture(Replies.Reply.ok(FERRY_INFO)));
    new FlowRoutes(db).mount(api);
    QueueSignals signals = new QueueSignals(vertx);
    new DeploymentRoutes(db, services, signals).mount(api);
    new FlowRunRoutes(db, signals).mount(api);
    new WorkQueueRoutes(db, signals).mount(api);
    new BlockRoutes(db).mount(api);
    new LogRoutes(db).mount(api);

    Router root = Router.router(vertx);
    root.route("/api/*").subRouter(api);
    DashboardRoutes.mount(root);
    root.route().failureHandler(ApiRouter::fail);
    root.errorHandler(404, ctx -> detail(ctx, 404, "Not Found"));
    root.errorHandler(405, ctx -> detail(ctx, 405, "Method Not Allowed"));
    api.route().failureHandler(ApiRouter::fail);
    return root;
  }

  private static void fail(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError error) {
      write(ctx, error.status(), Json.write(error.body()));
    } else if (failure == null) {
      detail(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, ctx.statusCode() == 404 ? "Not Found" : "Error");
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      write(ctx, 500, "{\"exception_message\": \"Internal Server Error\"}");
    }
  }

  private static void detail(RoutingContext ctx, int status, String detail) {
    write(ctx, status, Json.write(Json.object().put("detail", detail)));
  }

  private static void write(RoutingContext ctx, int status, String body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
  }
}
