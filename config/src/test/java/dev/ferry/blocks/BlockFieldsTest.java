package dev.ferry.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.error.InvalidInputException;
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
}
