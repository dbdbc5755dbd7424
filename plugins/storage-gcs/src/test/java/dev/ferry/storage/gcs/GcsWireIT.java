package dev.ferry.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.ObjectStore.StoredObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store through the SDK's real HTTP client against a stub of GCS's JSON API: paged listings,
 * media downloads and uploads as they go over the wire, which the in-memory fake skips.
 */
class GcsWireIT {
  private static final String OBJECTS = "/storage/v1/b/ferry-test/o";
  private final List<StubGcsServer.Request> seen = new CopyOnWriteArrayList<>();
  private StubGcsServer server;
  private ObjectStore store;

  @BeforeEach
  void start() throws Exception {
    String[] endpoint = new String[1];
    server = new StubGcsServer(request -> {
      seen.add(request);
      return answer(request, endpoint[0]);
    });
    endpoint[0] = server.endpoint();
    store = GcsStore.open(new GcsLocation("ferry-test", "team/code", null, null, server.endpoint()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static StubGcsServer.Answer answer(StubGcsServer.Request request, String endpoint) {
    String path = request.uri().getPath();
    String query = String.valueOf(request.uri().getQuery());
    if (path.equals(OBJECTS) && request.method().equals("GET")) {
      return StubGcsServer.Answer.json(200, query.contains("pageToken=page-2")
          ? "{\"items\":[" + object("team/code/flows/b.py", 4) + "]}"
          : "{\"items\":[" + object("team/code/flows/a.py", 3) + "," + object("team/code/flows/sub/", 0)
              + "],\"nextPageToken\":\"page-2\"}");
    }
    if (path.endsWith("/o/team/code/flows/a.py") && query.contains("alt=media")) {
      return new StubGcsServer.Answer(200, Map.of("Content-Type", "application/octet-stream"),
          "A=1".getBytes(StandardCharsets.UTF_8));
    }
    if (path.equals("/upload" + OBJECTS) && query.contains("uploadType=resumable")) {
      return new StubGcsServer.Answer(200, Map.of("Location", endpoint + "/upload/session-1"), new byte[0]);
    }
    if (path.equals("/upload/session-1")) {
      return StubGcsServer.Answer.json(200, object("team/code/flows/model.bin", request.body().length()));
    }
    if (path.equals("/upload" + OBJECTS)) {
      return StubGcsServer.Answer.json(200, object("team/code/flows/c.py", 5));
    }
    return StubGcsServer.error(404, "No such object: " + path);
  }

  private static String object(String name, int size) {
    return "{\"kind\":\"storage#object\",\"bucket\":\"ferry-test\",\"name\":\"" + name + "\",\"size\":\"" + size
        + "\",\"updated\":\"2026-11-02T10:15:30.123Z\"}";
  }

  @Test
  void aListingIsReadPageByPageWithoutDirectoryMarkers() {
    assertThat(store.list("flows/")).containsExactly(
        new StoredObject("flows/a.py", 3, Instant.parse("2026-11-02T10:15:30.123Z")),
        new StoredObject("flows/b.py", 4, Instant.parse("2026-11-02T10:15:30.123Z")));
    assertThat(seen).filteredOn(request -> request.uri().getPath().equals(OBJECTS)).hasSize(2)
        .allSatisfy(request -> assertThat(request.uri().getQuery()).contains("prefix=team/code/flows/").contains("items/updated"));
  }

  @Test
  void anObjectIsReadAndDownloadedByItsFullName(@TempDir Path dir) {
    assertThat(store.read("flows/a.py")).hasValueSatisfying(bytes -> assertThat(bytes).asString().isEqualTo("A=1"));
    store.download("flows/a.py", dir.resolve("a.py"));
    assertThat(dir.resolve("a.py")).hasContent("A=1");
    assertThat(store.read("flows/none.py")).isEmpty();
  }

  @Test
  void aSmallFileGoesUpInOneRequestUnderItsFullName(@TempDir Path dir) throws Exception {
    store.upload(Files.writeString(dir.resolve("c.py"), "C = 3"), "flows/c.py");

    assertThat(seen).singleElement().satisfies(request -> {
      assertThat(request.uri().getQuery()).contains("uploadType=multipart");
      assertThat(request.body()).contains("\"name\":\"team/code/flows/c.py\"").contains("C = 3");
    });
  }

  @Test
  void aLargeFileGoesUpInAResumableUploadUnderItsFullName(@TempDir Path dir) throws Exception {
    Path large = Files.write(dir.resolve("model.bin"), new byte[9 * 1024 * 1024]);
    store.upload(large, "flows/model.bin");

    assertThat(seen).extracting(request -> request.method() + " " + request.uri().getPath())
        .containsExactly("POST /upload" + OBJECTS, "PUT /upload/session-1");
    assertThat(seen.get(0).body()).contains("\"name\":\"team/code/flows/model.bin\"");
    assertThat(seen.get(1).body()).hasSize(9 * 1024 * 1024);
  }
}
