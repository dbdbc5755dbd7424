package dev.ferry.cli.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.error.InvalidInputException;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.manifest.Overrides;

/**
 * Checks the values a deployment's infrastructure will have (its block's data with the deployment's
 * overrides), as the agent will read them, when the deployment is built or applied: a negative
 * {@code mem_limit} or a malformed volume is an error there, not a crashed run later.
 */
final class InfrastructureValues {
  private InfrastructureValues() {}

  static void check(String slug, ObjectNode data, ObjectNode overrides) {
    try {
      InfrastructureBlocks.create(slug, Overrides.apply(data, overrides));
    } catch (InfrastructureException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
  }
}
