package dev.ferry.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.SourceText.Place;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A YAML file a person wrote (a manifest, a block's fields), read as one mapping. Whatever is wrong
 * in it is said the way a compiler says it: {@code FILE:LINE:COLUMN: what is wrong}, then that line
 * of the file and a caret under the column; a key written twice is wrong too.
 *
 * @param name the file as the person named it, e.g. on the command line
 * @param text what the file holds
 */
public record YamlFile(String name, String text) {
  /**
   * Reads {@code file}, relative to {@code dir} unless absolute, named as given.
   *
   * @param missing the error when there is no such file, saying how to make one
   */
  public static YamlFile read(Path dir, Path file, String missing) {
    try {
      return new YamlFile(file.toString(), Files.readString(dir.resolve(file)));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(missing);
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file's mapping as a {@code type}.
   *
   * @param expected what the file should hold, said when it holds something else, e.g. "a block file is a
   *     mapping of field names to values"
   * @throws InvalidInputException when the file is not YAML, not one mapping, or a value does not fit its key
   */
  public <T> T readMapping(Class<T> type, String expected) {
    SourceText source = SourceText.of(text);
    try {
      requireOneMapping(source, expected);
      return Yaml.MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw error(source, YamlProblem.of(source, e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the text is in memory: no read can fail
    }
  }

  /** Reads the whole text first, so that a syntax error is found before a value that does not fit its key. */
  private void requireOneMapping(SourceText source, String expected) throws IOException {
    try (JsonParser parser = Yaml.MAPPER.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidInputException(name + ": the file is empty (or holds only comments); " + expected);
      }
      if (first != JsonToken.START_OBJECT) {
        throw error(source, new YamlProblem(place(parser),
            "found " + (first == JsonToken.START_ARRAY ? "a list" : "a single value") + "; " + expected), null);
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw error(source, new YamlProblem(place(parser),
            "a second YAML document starts here; the file must hold one"), null);
      }
    }
  }

  private InvalidInputException error(SourceText source, YamlProblem problem, Exception cause) {
    Place place = problem.place();
    return new InvalidInputException(name + ":" + place.line() + ":" + place.column() + ": " + problem.words() + "\n"
        + source.excerpt(place), cause);
  }

  private static Place place(JsonParser parser) {
    return new Place(parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr());
  }
}
