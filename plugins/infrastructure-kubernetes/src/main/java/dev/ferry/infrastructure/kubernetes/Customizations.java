package dev.ferry.infrastructure.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.json.Json;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.EnumSet;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The block's {@code customizations}, a JSON Patch (RFC 6902), applied to the Job one operation at a time
 * with fabric8's zjsonpatch, so that one that cannot be applied is named by its place in the list, its op
 * and its path. zjsonpatch speaks Jackson 3, ferry Jackson 2: the Job crosses over as JSON text.
 */
final class Customizations {
  private static final ObjectMapper JACKSON3 = JsonMapper.builder().build();
  /** As RFC 6902 has it: removing what is not there is an error too (zjsonpatch lets it pass by default). */
  private static final EnumSet<CompatibilityFlags> STRICT = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

  private Customizations() {}

  /** {@code job} with {@code patch} applied; {@code job} itself is left as it was. */
  static ObjectNode apply(ObjectNode job, ArrayNode patch) {
    if (patch.isEmpty()) {
      return job;
    }
    tools.jackson.databind.JsonNode patched = JACKSON3.readTree(Json.write(job));
    for (int i = 0; i < patch.size(); i++) {
      JsonNode op = patch.get(i);
      try {
        patched = JsonPatch.apply(JACKSON3.readTree("[" + Json.write(op) + "]"), patched, STRICT);
      } catch (JsonPatchException | IllegalArgumentException | UnsupportedOperationException e) {
        throw new InfrastructureException("Field 'customizations' of block type '" + KubernetesBlock.TYPE + "': "
            + "customizations[" + i + "] (" + op.path("op").asText() + " " + op.path("path").asText() + "): "
            + reason(e) + "; mend the operation to fit the Job ('ferry flow-run explain' shows the Job"
            + " without it when it is taken out)", e);
      }
    }
    JsonNode result = Json.tree(JACKSON3.writeValueAsString(patched));
    if (!result.isObject()) {
      throw new InfrastructureException("Field 'customizations' of block type '" + KubernetesBlock.TYPE + "' replaces"
          + " the whole Job with " + result.getNodeType().name().toLowerCase() + "; patch paths inside it instead");
    }
    return (ObjectNode) result;
  }

  private static String reason(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replace('\n', ' ');
  }
}
