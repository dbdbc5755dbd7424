package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard is served beside the API, without the API key, with caching that fits each kind of file. */
class DashboardIT extends ServerTest {
  private static final String KEY = "dashboard-key";
  private static final Pattern IMPORT = Pattern.compile("from '(\\./[^']+)'");
  private static final Pattern WEBJAR = Pattern.compile("\"(/webjars/[^\"]+)\"");

  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  protected String apiKey() {
    return KEY;
  }

  @Test
  void pageIsServedAtTheRootAndAtEveryPathOfTheApp() throws Exception {
    String id = "8c3f1d6e-0b7a-4c1e-9f45-2d6a5b1e9a10";
    for (String path : List.of("/", "/runs", "/runs?state=FAILED&tag=etl&queue=prod", "/runs/" + id, "/deployments",
        "/deployments/" + id, "/work-queues", "/blocks", "/blocks/" + id)) {
      HttpResponse<String> page = get(path);

      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type")).as(path).hasValue("text/html;charset=UTF-8");
      assertThat(page.headers().firstValue("cache-control")).as(path).hasValue("no-cache");
      assertThat(page.headers().firstValue("last-modified")).as(path).isPresent();
      assertThat(page.body()).as(path).contains("<script type=\"importmap\">").contains("/dashboard/app.js");
    }
  }

  @Test
  void everyModuleThePageLoadsIsJavaScriptThatTheBrowserRevalidates() throws Exception {
    Set<String> modules = modules("/dashboard/app.js");

    assertThat(modules).contains("/dashboard/app.js", "/dashboard/api.js", "/dashboard/router.js",
        "/dashboard/runs.js", "/dashboard/run.js", "/dashboard/deployment.js", "/dashboard/blocks.js");
    for (String module : modules) {
      HttpResponse<String> file = get(module);
      assertThat(file.headers().firstValue("content-type")).as(module).hasValueSatisfying(
          type -> assertThat(type).contains("javascript"));
      assertThat(file.headers().firstValue("cache-control")).as(module).hasValue("no-cache");
    }
    HttpResponse<String> css = get("/dashboard/style.css");
    assertThat(css.headers().firstValue("content-type")).hasValue("text/css;charset=UTF-8");
  }

  @Test
  void anUnchangedFileIsNotSentAgain() throws Exception {
    String modified = get("/dashboard/app.js").headers().firstValue("last-modified").orElseThrow();

    HttpResponse<String> again = http.send(HttpRequest.newBuilder(url("/dashboard/app.js"))
        .header("if-modified-since", modified).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void librariesThePageNamesAreServedFromTheirWebJarsForAYear() throws Exception {
    List<String> libraries = new ArrayList<>();
    Matcher named = WEBJAR.matcher(get("/").body());
    while (named.find()) {
      libraries.add(named.group(1));
    }

    assertThat(libraries).anyMatch(path -> path.endsWith("/lit-html.js"))
        .anyMatch(path -> path.endsWith("uPlot.esm.js")).anyMatch(path -> path.endsWith(".css"));
    for (String library : libraries) {
      HttpResponse<String> file = get(library);
      assertThat(file.statusCode()).as(library).isEqualTo(200);
      assertThat(file.headers().firstValue("cache-control")).as(library)
          .hasValue("public, max-age=31536000, immutable");
      assertThat(file.headers().firstValue("content-type")).as(library).hasValueSatisfying(
          type -> assertThat(type).containsAnyOf("javascript", "text/css"));
    }
  }

  @Test
  void unknownApiPathsAndMissingFilesStillAnswerTheApisJson404() throws Exception {
    for (String path : List.of("/api/unknown", "/api/runs", "/dashboard/missing.js", "/webjars/lit-html/0.0.0/x.js")) {
      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(url(path))
          .header("authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(missing.statusCode()).as(path).isEqualTo(404);
      assertThat(missing.headers().firstValue("content-type")).as(path).hasValue("application/json");
      assertThat(Json.tree(missing.body()).path("detail").asText()).as(path).isEqualTo("Not Found");
      assertThat(missing.headers().firstValue("cache-control")).as(path).isEmpty();
    }
  }

  @Test
  void withAnApiKeyThePageIsServedButTheApiRefusesCallsWithoutIt() throws Exception {
    assertThat(get("/runs").statusCode()).isEqualTo(200);
    assertThat(get("/dashboard/api.js").statusCode()).isEqualTo(200);

    HttpResponse<String> refused = get("/api/flow_runs/filter");
    HttpResponse<String> keyed = http.send(HttpRequest.newBuilder(url("/api/flow_runs/filter"))
        .header("authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(Json.tree(refused.body()).path("detail").asText()).contains("Authorization: Bearer");
    assertThat(keyed.statusCode()).isEqualTo(200);
    assertThat(Json.tree(keyed.body()).isArray()).isTrue();
  }

  /** The app's modules that {@code start} imports, directly or not, as paths. */
  private Set<String> modules(String start) throws Exception {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> next = new ArrayDeque<>(List.of(start));
    while (!next.isEmpty()) {
      String module = next.pop();
      if (seen.add(module)) {
        HttpResponse<String> file = get(module);
        assertThat(file.statusCode()).as(module).isEqualTo(200);
        Matcher imports = IMPORT.matcher(file.body());
        while (imports.find()) {
          next.add("/dashboard/" + imports.group(1).substring(2));
        }
      }
    }
    return seen;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
