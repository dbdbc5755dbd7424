package dev.ferry.cli.doctor;

import static dev.ferry.cli.ApiSession.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.doctor.Check;
import dev.ferry.error.FerryException;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.json.Json;
import dev.ferry.manifest.Overrides;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import dev.ferry.storage.StorageBlocks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the deployments of some queues need from this machine: each infrastructure block (with the
 * deployment's overrides applied, as the agent applies them) and each storage block they use,
 * checked by its own implementation. A block several deployments use alike is checked once.
 */
final class BlockChecks {
  private static final String DEFAULT_INFRASTRUCTURE = "process";
  private static final int DEPLOYMENTS_NAMED = 3;

  private final OrchestrationClient client;
  private final Map<UUID, String> flowNames = new HashMap<>();
  private final Map<UUID, BlockDocument> blocks = new HashMap<>();

  BlockChecks(OrchestrationClient client) {
    this.client = client;
  }

  /**
   * A block as deployments use it: its kind and type, its name when it is a saved block (null for a
   * deployment's anonymous block, the default infrastructure or the deployment's path), and the data
   * it is built from.
   */
  private record Use(boolean infrastructure, String slug, String blockName, ObjectNode data) {
    /** Whether this infrastructure runs images, whose code is in the image when there is no storage block. */
    boolean codeInImage() {
      try {
        return InfrastructureBlocks.create(slug, data).codeWithoutStorageIsInImage();
      } catch (FerryException e) {
        return false; // its own check says what is wrong with it
      }
    }

    List<Check> checks() {
      try {
        return infrastructure ? InfrastructureBlocks.create(slug, data).checks()
            : StorageBlocks.create(slug, data).checks();
      } catch (FerryException e) {
        return List.of(Check.failed(infrastructure ? "infrastructure " + slug : "storage " + slug, e.getMessage(),
            blockName == null ? "mend the deployment's overrides ('ferry deployment inspect' shows them)"
                : "mend the block ('ferry block inspect " + slug + "/" + blockName + "' shows it), or build the"
                    + " deployment on another one"));
      }
    }

    /** How a check of this block is named: what it looked at, the block, and who uses it. */
    String subject(Check check, List<String> deployments) {
      return check.subject() + (blockName == null ? "" : " (block " + slug + "/" + blockName + ")") + " for "
          + (deployments.size() <= DEPLOYMENTS_NAMED ? String.join(", ", deployments)
              : String.join(", ", deployments.subList(0, DEPLOYMENTS_NAMED)) + " and "
                  + (deployments.size() - DEPLOYMENTS_NAMED) + " more");
    }
  }

  /** The checks for the deployments on {@code queues} (every deployment when none are given). */
  List<Check> of(List<String> queues) {
    ObjectNode filter = queues.isEmpty() ? Json.object()
        : OrchestrationClient.filter("deployments", "work_queue_name", "any_", Json.toTree(queues));
    List<Deployment> deployments = await(client.filterDeployments(filter));
    if (deployments.isEmpty()) {
      List<Check> checks = new ArrayList<>(List.of(Check.ok("deployments", "none " + (queues.isEmpty()
          ? "on the server" : "on " + String.join(", ", queues)) + " yet, so the default infrastructure is checked")));
      checks.addAll(new Use(true, DEFAULT_INFRASTRUCTURE, null, Json.object()).checks());
      return checks;
    }
    Map<Use, List<String>> users = new LinkedHashMap<>();
    for (Deployment deployment : deployments) {
      String label = flowName(deployment.flowId()) + "/" + deployment.name();
      Use infrastructure = infrastructure(deployment);
      users.computeIfAbsent(infrastructure, use -> new ArrayList<>()).add(label);
      Use storage = storage(deployment, infrastructure);
      if (storage != null) {
        users.computeIfAbsent(storage, use -> new ArrayList<>()).add(label);
      }
    }
    List<Check> checks = new ArrayList<>();
    users.forEach((use, labels) -> use.checks().forEach(check -> checks.add(check.about(use.subject(check, labels)))));
    return checks;
  }

  private Use infrastructure(Deployment deployment) {
    if (deployment.infrastructureDocumentId() == null) {
      return new Use(true, DEFAULT_INFRASTRUCTURE, null, Overrides.apply(Json.object(), deployment.infraOverrides()));
    }
    BlockDocument block = block(deployment.infrastructureDocumentId());
    return new Use(true, block.typeSlug(), savedName(block), Overrides.apply(block.data(), deployment.infraOverrides()));
  }

  /**
   * The block the code comes from; without one the agent copies the deployment's path, a local
   * folder, unless the code is in the image the infrastructure runs (nothing to check here then).
   */
  private Use storage(Deployment deployment, Use infrastructure) {
    if (deployment.storageDocumentId() != null) {
      BlockDocument block = block(deployment.storageDocumentId());
      return new Use(false, block.typeSlug(), savedName(block), block.data());
    }
    if (deployment.path() == null || deployment.path().isEmpty() || infrastructure.codeInImage()) {
      return null;
    }
    return new Use(false, "local-file-system", null, Json.object().put("basepath", deployment.path()));
  }

  /** A block with its secrets, as the agent reads it: an implementation may need them to check its store. */
  private BlockDocument block(UUID id) {
    return blocks.computeIfAbsent(id, key -> await(client.readBlockDocument(key, true)));
  }

  private String flowName(UUID flowId) {
    return flowNames.computeIfAbsent(flowId, id -> await(client.readFlow(id)).name());
  }

  private static String savedName(BlockDocument block) {
    return block.isAnonymous() ? null : block.name();
  }
}
