package dev.ferry.server.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a request through only with {@code Authorization: Bearer KEY}; answers 401 otherwise. */
final class ApiKeyCheck implements Handler<RoutingContext> {
  private final byte[] expected;

  ApiKeyCheck(String apiKey) {
    this.expected = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader("authorization");
    if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
    } else {
      ctx.fail(ApiError.detail(401, given == null
          ? "This server needs an API key: send 'Authorization: Bearer KEY' (PREFECT_API_KEY for ferry and Prefect clients)."
          : "The API key is not the server's."));
    }
  }
}
