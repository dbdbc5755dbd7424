package dev.ferry.infrastructure;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an infrastructure plugin offers ({@link dev.ferry.plugins.Plugins}): the block type it serves,
 * through its SDK. Made with its no-argument constructor.
 */
public interface InfrastructureProvider {
  /** The infrastructure of the plugin's block type, from the block document's data (with overrides applied). */
  Infrastructure fromBlock(ObjectNode data);
}
