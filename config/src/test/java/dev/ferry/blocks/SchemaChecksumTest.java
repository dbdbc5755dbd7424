package dev.ferry.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.testing.Reference;
import org.junit.jupiter.api.Test;

class SchemaChecksumTest {
  @Test
  void checksumsMatchTheOnesPrefectComputedForEveryRecordedSchema() throws Exception {
    JsonNode catalog = Json.MAPPER.readTree(Reference.text("block-catalog.json"));
    JsonNode schemas = catalog.get("block_schemas");
    assertThat(schemas).hasSize(32);
    for (JsonNode schema : schemas) {
      assertThat(SchemaChecksum.of(schema.get("fields"))).as(schema.path("block_type").path("slug").asText())
          .isEqualTo(schema.get("checksum").asText());
    }
  }

  @Test
  void builtInDefinitionsHaveDistinctChecksums() {
    assertThat(BlockCatalog.all()).extracting(BlockDefinition::checksum).doesNotHaveDuplicates()
        .allMatch(c -> c.startsWith("sha256:"));
  }
}
