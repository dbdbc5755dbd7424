package dev.ferry.infrastructure.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ferry.infrastructure.InfrastructureException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Puts the block's image on the engine as its pull policy says, before a container is created: an
 * image missing under {@code NEVER}, or a pull that fails, is an error naming the image, the
 * engine's reason and the fix, which the agent reports as the run's end.
 */
final class Images {
  private final DockerEngine engine;
  private final DockerBlock block;

  Images(DockerEngine engine, DockerBlock block) {
    this.engine = engine;
    this.block = block;
  }

  /**
   * Pulls the image when the policy says so, saying it to {@code output}, and blocks until it is
   * there; its ENTRYPOINT, empty when it has none.
   */
  List<String> ensure(Consumer<String> output) {
    ImageReference image = block.image();
    Optional<InspectImageResponse> there = block.pullPolicy() == PullPolicy.ALWAYS ? Optional.empty() : inspect();
    if (there.isPresent()) {
      return entrypoint(there.get());
    }
    if (block.pullPolicy() == PullPolicy.NEVER) {
      throw new InfrastructureException("Image '" + image + "' is not on the Docker engine at " + engine.host()
          + ", and image_pull_policy NEVER forbids pulling it; build or pull it there (docker pull " + image
          + "), or set image_pull_policy to IF_NOT_PRESENT");
    }
    output.accept("[ferry] Pulling image '" + image + "'...");
    try {
      pull().exec(new PullImageResultCallback()).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfrastructureException("Pulling image '" + image + "' was interrupted", e);
    } catch (DockerException | DockerClientException e) {
      String reason = e instanceof DockerException refused ? DockerEngine.reason(refused) : e.getMessage();
      throw new InfrastructureException("Cannot pull image '" + image + "' (image_pull_policy " + block.pullPolicy()
          + "): " + reason + "; check the image's name and that the engine at " + engine.host()
          + " can reach its registry" + (credentialed() ? " and takes image_registry's credentials"
              : ", or give image_registry for a private one")
          + (block.pullPolicy() == PullPolicy.ALWAYS ? ", or set image_pull_policy to IF_NOT_PRESENT to use the"
              + " engine's copy" : ""), e);
    } catch (RuntimeException e) {
      throw engine.failure("pull image '" + image + "'", e);
    }
    return entrypoint(inspect().orElseThrow(() -> new InfrastructureException("Image '" + image + "' was pulled"
        + " but is not on the Docker engine at " + engine.host() + "; pull it there again (docker pull " + image
        + ")")));
  }

  /** Whether the engine has the image. */
  boolean present() {
    return inspect().isPresent();
  }

  private Optional<InspectImageResponse> inspect() {
    try {
      return Optional.of(engine.client().inspectImageCmd(block.image().name()).exec());
    } catch (NotFoundException missing) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw engine.failure("look for image '" + block.image() + "'", e);
    }
  }

  private static List<String> entrypoint(InspectImageResponse image) {
    String[] entrypoint = image.getConfig() == null ? null : image.getConfig().getEntrypoint();
    return entrypoint == null ? List.of() : List.of(entrypoint);
  }

  /** Whether a pull of the image sends the block's registry credentials: only to the registry they are for. */
  boolean credentialed() {
    return block.registry() != null && block.registry().serves(block.image());
  }

  private PullImageCmd pull() {
    ImageReference image = block.image();
    PullImageCmd pull = engine.client().pullImageCmd(image.repository());
    if (image.pullTag() != null) {
      pull.withTag(image.pullTag());
    }
    return credentialed() ? pull.withAuthConfig(block.registry().authConfig()) : pull;
  }
}
