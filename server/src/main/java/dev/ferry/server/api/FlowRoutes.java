package dev.ferry.server.api;

import static dev.ferry.server.api.Replies.bind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.server.api.Replies.Reply;
import dev.ferry.server.db.Database;
import dev.ferry.server.db.FlowRepository;
import io.vertx.ext.web.Router;

/** {@code /flows}: create (idempotent by name), read by id and name, filter. */
final class FlowRoutes {
  private final Database db;
  private final FlowRepository flows = new FlowRepository();

  FlowRoutes(Database db) {
    this.db = db;
  }

  void mount(Router api) {
    bind(api.post("/flows/"), ctx -> {
      JsonNode body = Requests.body(ctx);
      String name = Requests.requiredText(body, "name");
      return db.transaction(c -> flows.createIfMissing(c, name, Requests.strings(body, "tags")))
          .map(u -> new Reply(u.created() ? 201 : 200, u.value()));
    });
    bind(api.post("/flows/filter"), ctx -> {
      JsonNode body = Requests.body(ctx);
      int limit = Requests.limit(body);
      int offset = Requests.offset(body);
      return db.read(c -> flows.filter(c, Filters.flowWhere(body), limit, offset)).map(Reply::ok);
    });
    bind(api.post("/flows/count"), ctx -> {
      JsonNode body = Requests.body(ctx);
      return db.read(c -> flows.count(c, Filters.flowWhere(body))).map(Reply::ok);
    });
    bind(api.patch("/flows/:id"), ctx -> {
      var id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      return db.transaction(c -> flows.byId(c, id).isPresent()
          && (!body.has("tags") || flows.setTags(c, id, Requests.strings(body, "tags")))).map(FlowRoutes::noContentOr404);
    });
    bind(api.delete("/flows/:id"), ctx -> {
      var id = Requests.pathId(ctx);
      return db.transaction(c -> flows.delete(c, id)).map(FlowRoutes::noContentOr404);
    });
    bind(api.get("/flows/name/:name"), ctx -> db.read(c -> flows.byName(c, ctx.pathParam("name")))
        .map(f -> Reply.ok(f.orElseThrow(() -> ApiError.notFound("Flow not found")))));
    bind(api.get("/flows/:id"), ctx -> {
      var id = Requests.pathId(ctx);
      return db.read(c -> flows.byId(c, id)).map(f -> Reply.ok(f.orElseThrow(() -> ApiError.notFound("Flow not found"))));
    });
  }

  private static Reply noContentOr404(boolean found) {
    if (!found) {
      throw ApiError.notFound("Flow not found");
    }
    return Reply.noContent();
  }
}
