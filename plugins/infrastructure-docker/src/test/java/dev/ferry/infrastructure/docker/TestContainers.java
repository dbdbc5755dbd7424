package dev.ferry.infrastructure.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import dev.ferry.testing.TestDocker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The containers of one test on the engine of the environment ({@link TestDocker}): blocks on the
 * base image, or on the busybox image for a command that needs only a shell, on the host's network
 * (the engine has no bridge), labelled with the test's own id, and runs whose folder holds a
 * launcher; {@link #removeAll} removes every container the test made.
 */
final class TestContainers {
  static final String TEST_LABEL = "dev.ferry.test";

  final String testId = UUID.randomUUID().toString();
  final String baseImage = TestDocker.baseImage();

  DockerClient client() {
    return DockerEngine.fromEnvironment().client();
  }

  /** A block on the base image and the host's network, labelled with the test; {@code fields} on top. */
  ObjectNode block(Map<String, ?> fields) {
    ObjectNode data = Json.object().put("type", "docker-container").put("image", baseImage)
        .put("network_mode", "host");
    data.set("labels", Json.toTree(Map.of(TEST_LABEL, testId)));
    fields.forEach((key, value) -> data.set(key, Json.toTree(value)));
    return data;
  }

  Infrastructure infrastructure(Map<String, ?> fields) {
    return InfrastructureBlocks.create("docker-container", block(fields));
  }

  /** A block as {@link #infrastructure} makes it, on the busybox image unless {@code fields} name one. */
  Infrastructure shellInfrastructure(Map<String, ?> fields) {
    Map<String, Object> onBusybox = new HashMap<>(fields);
    onBusybox.putIfAbsent("image", TestDocker.busyboxImage());
    return infrastructure(onBusybox);
  }

  /** A run named {@code name} whose folder {@code dir} holds a launcher that prints "launched". */
  static RunContext run(Path dir, String name, String imageCodePath) throws IOException {
    return run(dir, name, imageCodePath, "print('launched')\n");
  }

  /** A run named {@code name} whose folder {@code dir} holds a launcher of source {@code launcherSource}. */
  static RunContext run(Path dir, String name, String imageCodePath, String launcherSource) throws IOException {
    Path launcher = dir.resolve(".ferry/launcher.py");
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, launcherSource);
    return new RunContext(UUID.randomUUID(), name, "test-flow", "test-deployment", dir,
        Map.of("PREFECT_API_URL", "http://127.0.0.1:4200/api"), List.of("python3", launcher.toString()), launcher,
        imageCodePath);
  }

  /** The container named by an infrastructure pid, while it exists. */
  Optional<InspectContainerResponse> container(String pid) {
    try {
      return Optional.of(client().inspectContainerCmd(pid.substring(pid.lastIndexOf(':') + 1)).exec());
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }

  /** What the engine logged of the container of {@code pid}, stdout and stderr, so far. */
  String logs(String pid) throws InterruptedException {
    StringBuilder logs = new StringBuilder();
    client().logContainerCmd(pid.substring(pid.lastIndexOf(':') + 1)).withStdOut(true).withStdErr(true)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            logs.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        }).awaitCompletion();
    return logs.toString();
  }

  /** Creates an empty file at {@code path} in the container of {@code pid}, which its command may wait for. */
  void touch(String pid, String path) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      out.putArchiveEntry(new TarArchiveEntry(path.substring(1)));
      out.closeArchiveEntry();
    }
    client().copyArchiveToContainerCmd(pid.substring(pid.lastIndexOf(':') + 1)).withRemotePath("/")
        .withTarInputStream(new ByteArrayInputStream(tar.toByteArray())).exec();
  }

  /** Removes the test's containers, running or not. */
  void removeAll() {
    client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, testId)).exec()
        .forEach(container -> {
          try {
            client().removeContainerCmd(container.getId()).withForce(true).exec();
          } catch (NotFoundException | ConflictException alreadyGone) {
            // removed, or being removed, by the runner (auto_remove) meanwhile
          }
        });
  }
}
