package dev.ferry.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import org.junit.jupiter.api.Test;

class BlockFieldsTest {
  private static BlockFields fieldsOf(String slug) {
    return new BlockFields(slug, BlockCatalog.bySlug(slug).fields());
  }

  @Test
  void aFieldThatTakesANumberOrAStringTakesBothAsTyped() {
    BlockFields docker = fieldsOf("docker-container");

    assertThat(docker.parse("mem_limit", "64m").isTextual()).isTrue();
    assertThat(docker.parse("mem_limit", "64m").asText()).isEqualTo("64m");
    assertThat(docker.parse("mem_limit", "1048576").isIntegralNumber()).isTrue();
  }

  @Test
  void textForAFieldThatTakesOnlyAListIsRefusedWithAnExample() {
    assertThatThrownBy(() -> fieldsOf("process").parse("command", "python main.py"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Field 'command' of block type 'process' takes a JSON list")
        .hasMessageContaining("[\"python\", \"main.py\"]");
  }

  @Test
  void aJsonValueOfAStatedTypeIsTakenAndNullFitsAnyField() {
    BlockFields docker = fieldsOf("docker-container");

    docker.requireValue("command", Json.tree("[\"python\", \"main.py\"]"));
    docker.requireValue("mem_limit", Json.tree("1048576"));
    docker.requireValue("mem_limit", Json.tree("\"64m\""));
    docker.requireValue("auto_remove", Json.tree("null"));
  }

  @Test
  void aJsonValueOfAnotherTypeIsRefusedNamingFieldBlockTypeAndWhatItTakes() {
    BlockFields docker = fieldsOf("docker-container");

    assertThatThrownBy(() -> docker.requireValue("auto_remove", Json.tree("\"yes\"")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Field 'auto_remove' of block type 'docker-container' takes a boolean, not \"yes\"");
    assertThatThrownBy(() -> docker.requireValue("image", Json.tree("3")))
        .hasMessage("Field 'image' of block type 'docker-container' takes a string, not 3");
    assertThatThrownBy(() -> docker.requireValue("mem_limit", Json.tree("true")))
        .hasMessage("Field 'mem_limit' of block type 'docker-container' takes a number or a string, not true");
    assertThatThrownBy(() -> docker.requireValue("imagee", Json.tree("\"busybox\"")))
        .hasMessageStartingWith("'imagee' is not a field of block type 'docker-container'. Its fields are: type, env");
  }

  @Test
  void aFieldWhoseSchemaStatesNoTypeTakesAnyValue() {
    fieldsOf("docker-container").requireValue("image_registry",
        Json.tree("{\"$ref\": {\"block_document_id\": \"5a0fd1a4-7d2e-4e0e-9a43-0e6f1f1b6b01\"}}"));
    fieldsOf("json").requireValue("value", Json.tree("[1, {\"a\": true}]"));
  }
}
