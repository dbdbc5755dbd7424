package dev.ferry.server.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/**
 * The web dashboard: its own files from the jar under {@code /dashboard/}, the libraries it uses
 * from their WebJars under {@code /webjars/}, and its pages ({@code /runs}, {@code /runs/ID}...)
 * as real paths that answer its {@code index.html}. None of it needs the API key: the files hold
 * no data, and the page reads everything through {@code /api}, which asks for the key.
 */
final class DashboardRoutes {
  /** The paths a browser may open or bookmark; the page itself decides what each shows. */
  static final List<String> PAGES = List.of("/", "/runs", "/runs/:id", "/deployments", "/deployments/:id",
      "/work-queues", "/blocks", "/blocks/:id");

  private static final String INDEX = "/dashboard/index.html";

  /** The app's files change with each ferry version: the browser asks each time whether its copy is current. */
  private static final String REVALIDATE = "no-cache";

  /** A WebJar's path names its version, so what it serves never changes. */
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private DashboardRoutes() {}

  static void mount(Router root) {
    files(root.route("/dashboard/*"), "dev/ferry/server/dashboard", REVALIDATE);
    files(root.route("/webjars/*"), "META-INF/resources/webjars", IMMUTABLE);
    for (String page : PAGES) {
      root.get(page).handler(ctx -> ctx.reroute(INDEX));
    }
  }

  private static void files(Route route, String classpathRoot, String cacheControl) {
    route.method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> {
          ctx.addHeadersEndHandler(ignored -> cacheControl(ctx, cacheControl));
          ctx.next();
        })
        .handler(StaticHandler.create(classpathRoot).setDefaultContentEncoding("UTF-8"));
  }

  /** Sets the caching of a file that was found; an error answer is not for keeping. */
  private static void cacheControl(RoutingContext ctx, String value) {
    int status = ctx.response().getStatusCode();
    if (status == 200 || status == 304) {
      ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, value);
    }
  }
}
