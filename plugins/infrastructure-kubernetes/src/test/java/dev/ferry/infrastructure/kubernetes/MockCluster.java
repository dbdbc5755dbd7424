package dev.ferry.infrastructure.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's mock API server in CRUD mode, and on top of it what CRUD mode lacks: each pod's log as the fake
 * kubelet ({@link FakeJobController}) wrote it, Job watches the test can close from the server side or answer
 * with 410 Gone, and the DELETE requests it saw.
 */
public final class MockCluster implements AutoCloseable {
  private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/[^/]+/pods/([^/?]+)/log(\\?.*)?");
  private static final Pattern SINCE = Pattern.compile("[?&]sinceTime=([^&]+)");
  /** The bearer token of the runner's kubeconfig, by which its requests are told from the fake controller's. */
  private static final String TOKEN = "ferry-runner-token";

  final KubernetesMockServer server;
  final KubernetesClient client;
  /** Each pod's log lines: {@code TIMESTAMP TEXT}, as the kubelet serves them with timestamps. */
  final Map<String, List<String>> logs = new ConcurrentHashMap<>();
  final List<String> deletes = new CopyOnWriteArrayList<>();
  /** The runner's requests (those with the token of {@link #block}'s kubeconfig), as {@code METHOD PATH}. */
  final List<String> runnerRequests = new CopyOnWriteArrayList<>();
  /** The cluster's uid: its kube-system namespace's, which the server gave it. */
  final String uid;
  private final List<WebSocket> jobWatches = new CopyOnWriteArrayList<>();
  private volatile boolean goneOnNextJobWatch;
  private volatile int jobWatchRequests;

  public MockCluster() {
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(new HashMap<>());
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return MockCluster.this.dispatch(crud, request);
          }
        }, false);
    server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("30").withGitVersion("v1.30.2")
        .build());
    server.init();
    client = server.createClient();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
        .create();
    uid = client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kube-system")
        .endMetadata().build()).create().getMetadata().getUid();
  }

  /** A kubeconfig of this server, context {@code mock}, as the runner uses it (its token tells its requests). */
  public Map<String, Object> kubeconfig() {
    String url = "http://" + server.getHostName() + ":" + server.getPort();
    return Map.of("apiVersion", "v1", "kind", "Config", "current-context", "mock",
        "clusters", List.of(Map.of("name", "mock", "cluster", Map.of("server", url))),
        "users", List.of(Map.of("name", "mock", "user", Map.of("token", TOKEN))),
        "contexts", List.of(Map.of("name", "mock", "context", Map.of("cluster", "mock", "user", "mock"))));
  }

  /** A block's data whose cluster_config is this server, with {@code fields} on top. */
  ObjectNode block(Map<String, ?> fields) {
    ObjectNode data = Json.object();
    data.set("cluster_config", Json.toTree(Map.of("config", kubeconfig(), "context_name", "mock")));
    fields.forEach((key, value) -> data.set(key, Json.toTree(value)));
    return data;
  }

  /** Closes the Job watches open now from the server side, as an API server that restarts does. */
  void dropJobWatches() {
    jobWatches.forEach(watch -> watch.close(1000, "dropped by the test"));
    jobWatches.clear();
  }

  /** Answers the next Job watch with 410 Gone, as an API server that compacted the resource version away. */
  void goneOnNextJobWatch() {
    goneOnNextJobWatch = true;
  }

  int jobWatchRequests() {
    return jobWatchRequests;
  }

  private MockResponse dispatch(KubernetesMixedDispatcher crud, RecordedRequest request) {
    String path = request.getPath();
    if (("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
      runnerRequests.add(request.getMethod() + " " + path);
    }
    Matcher log = LOG.matcher(path);
    if (log.matches() && request.getMethod().equals("GET")) {
      return new MockResponse().setResponseCode(200).setBody(log(log.group(1), path));
    }
    if (request.getMethod().equals("DELETE")) {
      deletes.add(path + " " + request.getUtf8Body());
    }
    boolean jobWatch = path.startsWith("/apis/batch/v1/") && path.contains("watch=true");
    if (jobWatch) {
      jobWatchRequests++;
      if (goneOnNextJobWatch) {
        goneOnNextJobWatch = false;
        return new MockResponse().setResponseCode(410).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410,\"message\":\"too old resource version\"}");
      }
    }
    MockResponse response = crud.dispatch(request);
    if (jobWatch && response.getWebSocketListener() != null) {
      response.withWebSocketUpgrade(new Remembered(response.getWebSocketListener()));
    }
    return response;
  }

  private String log(String pod, String path) {
    Matcher since = SINCE.matcher(path);
    Instant from = since.find() ? Instant.parse(URLDecoder.decode(since.group(1), StandardCharsets.UTF_8))
        : Instant.EPOCH;
    StringBuilder body = new StringBuilder();
    for (String line : logs.getOrDefault(pod, List.of())) {
      if (!Instant.parse(line.substring(0, line.indexOf(' '))).isBefore(from)) {
        body.append(line).append('\n');
      }
    }
    return body.toString();
  }

  /** The server's own client (the fake controller's and the test's, not the runner's). */
  public KubernetesClient client() {
    return client;
  }

  /** Whether every request the runner made is one the agent's Role and ClusterRole allow ({@link RoleCheck}). */
  public List<String> requestsTheRolesRefuse() {
    return runnerRequests.stream().filter(request -> !RoleCheck.allowed(request)).toList();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  /** A Job watch's listener that remembers its socket, for {@link #dropJobWatches}. */
  private final class Remembered extends WebSocketListener {
    private final WebSocketListener crud;

    Remembered(WebSocketListener crud) {
      this.crud = crud;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      jobWatches.add(webSocket);
      crud.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      crud.onMessage(webSocket, text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      crud.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      jobWatches.remove(webSocket);
      crud.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      crud.onFailure(webSocket, t, response);
    }
  }
}
