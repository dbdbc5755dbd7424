package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockFields;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverridesTest {
  private final BlockFields process = BlockCatalog.bySlug("process").blockFields();

  @Test
  void commandOverrideIsTypedAsAJsonList() {
    ObjectNode overrides = Overrides.parse(process, List.of("command=[\"sh\", \"-c\", \"exit 3\"]"));
    assertThat(overrides.get("command").isArray()).isTrue();
    assertThat(overrides.get("command").get(2).asText()).isEqualTo("exit 3");
  }

  @Test
  void dottedKeySetsOneEntryOfAMapAndKeepsTheOthers() {
    ObjectNode data = (ObjectNode) Json.tree("{\"env\": {\"A\": \"1\"}, \"command\": null}");
    ObjectNode applied = Overrides.apply(data, Overrides.parse(process, List.of("env.B=2")));
    assertThat(applied.get("env").get("A").asText()).isEqualTo("1");
    assertThat(applied.get("env").get("B").asText()).isEqualTo("2");
    assertThat(data.get("env").has("B")).as("the block data itself is untouched").isFalse();
  }

  @Test
  void mapOverrideMergesOneLevelDeep() {
    ObjectNode data = (ObjectNode) Json.tree("{\"env\": {\"A\": \"1\", \"B\": \"1\"}}");
    ObjectNode applied = Overrides.apply(data, (ObjectNode) Json.tree("{\"env\": {\"B\": \"2\"}}"));
    assertThat(applied.get("env").toString()).isEqualTo("{\"A\":\"1\",\"B\":\"2\"}");
  }

  @Test
  void unknownFieldIsRejectedWithTheFieldsThatExist() {
    assertThatThrownBy(() -> Overrides.parse(process, List.of("imag=repo/img:1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'imag' is not a field of block type 'process'")
        .hasMessageContaining("command");
  }

  @Test
  void listFieldGivenPlainTextIsRejectedWithAnExample() {
    assertThatThrownBy(() -> Overrides.parse(process, List.of("command=python main.py")))
        .hasMessageContaining("takes a JSON list");
  }

  @Test
  void dottedKeyIntoAFieldThatIsNotAMapIsRejected() {
    assertThatThrownBy(() -> Overrides.parse(process, List.of("name.x=1"))).hasMessageContaining("is not a map");
  }

  @Test
  void pairWithoutEqualsSignIsRejected() {
    assertThatThrownBy(() -> Overrides.parse(process, List.of("command"))).hasMessageContaining("is not KEY=VALUE");
  }
}
