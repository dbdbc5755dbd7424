package dev.ferry.server.api;

import static dev.ferry.server.api.Replies.bind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.model.LogRecord;
import dev.ferry.server.api.Replies.Reply;
import dev.ferry.server.db.Database;
import dev.ferry.server.db.LogRepository;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;

/** {@code /logs}: batches of log lines in, filtered lines out. */
final class LogRoutes {
  private final Database db;
  private final LogRepository logs = new LogRepository();

  LogRoutes(Database db) {
    this.db = db;
  }

  void mount(Router api) {
    bind(api.post("/logs/"), ctx -> {
      JsonNode body = Requests.body(ctx);
      List<LogRecord> batch = parse(body);
      return db.transaction(c -> {
        logs.insert(c, batch);
        return null;
      }).map(ignored -> Reply.created(null));
    });
    bind(api.post("/logs/filter"), ctx -> {
      JsonNode body = Requests.body(ctx);
      int limit = Requests.limit(body);
      int offset = Requests.offset(body);
      boolean descending = "TIMESTAMP_DESC".equals(Requests.text(body, "sort"));
      return db.read(c -> logs.filter(c, Filters.logWhere(body), descending, limit, offset)).map(Reply::ok);
    });
  }

  private static List<LogRecord> parse(JsonNode body) {
    if (!body.isArray()) {
      throw ApiError.invalid(List.of("body"), "value is not a valid list", "type_error.list", body);
    }
    List<LogRecord> batch = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode log = body.get(i);
      for (String field : List.of("name", "level", "message", "timestamp")) {
        if (!log.hasNonNull(field)) {
          throw ApiError.conflict("Data integrity conflict: log " + i + " has no " + field + ".");
        }
      }
      if (!log.get("level").canConvertToInt() || log.get("level").isTextual()) {
        throw ApiError.invalid(List.of("body", i, "level"), "value is not a valid integer", "type_error.integer", body);
      }
      batch.add(Json.convert(log, LogRecord.class));
    }
    return batch;
  }
}
