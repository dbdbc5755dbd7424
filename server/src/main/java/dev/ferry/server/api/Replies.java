package dev.ferry.server.api;

import dev.ferry.json.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Binds routes to handlers that answer with a {@link Reply} future; failures go to the router's failure handler. */
public final class Replies {
  private Replies() {}

  /** What a handler answers: a status and a body to write as JSON (none for 204). */
  public record Reply(int status, Object body) {
    public static Reply ok(Object body) {
      return new Reply(200, body);
    }

    public static Reply created(Object body) {
      return new Reply(201, body);
    }

    public static Reply noContent() {
      return new Reply(204, null);
    }
  }

  public static void bind(Route route, Function<RoutingContext, Future<Reply>> handler) {
    route.handler(ctx -> {
      Future<Reply> reply;
      try {
        reply = handler.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      reply.onSuccess(r -> write(ctx, r)).onFailure(ctx::fail);
    });
  }

  public static void write(RoutingContext ctx, Reply reply) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(reply.status());
    if (reply.status() == 204) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("content-type", "application/json").end(Json.write(reply.body()));
    }
  }
}
