package dev.ferry.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.error.InvalidInputException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** A YAML file a person wrote, here a block's fields: what is wrong in it, said as a compiler says it. */
class YamlFileTest {
  private static final String EXPECTED = "a block file is a mapping of field names to values";

  @Test
  void readsTheMapping() {
    ObjectNode fields = new YamlFile("fields.yaml", "image: busybox\nenv:\n  A: '1'\n")
        .readMapping(ObjectNode.class, EXPECTED);
    assertThat(fields.at("/env/A").asText()).isEqualTo("1");
  }

  @Test
  void keyWrittenTwiceInANestedMappingIsAnError() {
    assertThatReading("image: busybox\nenv:\n  A: 1\n  A: 2\n").hasMessage("""
        fields.yaml:4:3: duplicate key 'A'
          A: 2
          ^""");
  }

  @Test
  void secondDocumentIsAnError() {
    assertThatReading("image: busybox\n---\nimage: alpine\n").hasMessage("""
        fields.yaml:3:1: a second YAML document starts here; the file must hold one
        image: alpine
        ^""");
  }

  @Test
  void singleValueSaysWhatTheFileShouldHold() {
    assertThatReading("image=busybox\n").hasMessage("""
        fields.yaml:1:1: found a single value; a block file is a mapping of field names to values
        image=busybox
        ^""");
  }

  @Test
  void caretLinesUpUnderATabBeforeIt() {
    assertThatReading("image:  busybox\t: latest\n").hasMessage("""
        fields.yaml:1:17: mapping values are not allowed here
        image:  busybox\t: latest
                       \t^""");
  }

  @Test
  void tabOutsideTheIndentationIsNotCalledIndentation() {
    assertThatReading("command: [python,\tmain.py]\n").hasMessage("""
        fields.yaml:1:18: found a tab character where a space is expected
        command: [python,\tmain.py]
                         ^""");
  }

  private static AbstractThrowableAssert<?, ?> assertThatReading(String text) {
    return assertThatThrownBy(() -> new YamlFile("fields.yaml", text).readMapping(ObjectNode.class, EXPECTED))
        .isInstanceOf(InvalidInputException.class);
  }
}
