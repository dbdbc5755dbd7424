package dev.ferry.storage.gcs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for GCS's JSON API and OAuth token endpoint on a loopback port, in this JVM, answering
 * each request with what the test says: for what the in-memory fake cannot show (refused
 * credentials, a missing bucket, paged listings) through the SDK's real HTTP client and JSON API.
 */
final class StubGcsServer implements AutoCloseable {
  /** An HTTP answer. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer json(int status, String json) {
      return new Answer(status, Map.of("Content-Type", "application/json; charset=UTF-8"),
          json.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A request as the stub saw it. */
  record Request(String method, URI uri, String body) {}

  /** What Google's token endpoint says to a deleted or disabled service account key. */
  static final Answer INVALID_GRANT =
      Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");

  private final HttpServer server;

  StubGcsServer(Function<Request, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Answer answer = answers.apply(new Request(exchange.getRequestMethod(), exchange.getRequestURI(), body));
      answer.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    });
    server.start();
  }

  /** GCS's error document for {@code status}. */
  static Answer error(int status, String message) {
    return Answer.json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"errors\":[{"
        + "\"message\":\"" + message + "\",\"domain\":\"global\",\"reason\":\"" + status + "\"}]}}");
  }

  /** The base URL to give a {@link GcsLocation} as its endpoint. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
