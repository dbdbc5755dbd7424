package dev.ferry.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * YAML as ferry reads and writes it: the wire model's snake_case names, a key written twice in a
 * mapping refused, and written the way kubectl writes it, with no document marker and no quotes where
 * YAML needs none. Files a person wrote are read through {@link YamlFile}.
 */
public final class Yaml {
  public static final YAMLMapper MAPPER = (YAMLMapper) new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // "1" stays a string when read back
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build())
      .setPropertyNamingStrategy(Json.MAPPER.getPropertyNamingStrategy())
      .registerModule(new JavaTimeModule())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Yaml() {}

  /** {@code value} as YAML text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
