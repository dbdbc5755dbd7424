package dev.ferry.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.SourceText.Place;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.parser.ParserException;

/**
 * What is wrong in a YAML text and where, in plain words, from what the YAML parser (SnakeYAML, through
 * Jackson) or the mapper threw: its problem, the place of the problem and the place of the construct it
 * was reading.
 */
record YamlProblem(Place place, String words) {
  private static final Pattern TOKEN = Pattern.compile("'?<([a-z ]+)>'?");
  private static final Map<String, String> TOKEN_WORDS = Map.of(
      "stream end", "the end of the file",
      "block end", "the end of the block",
      "block mapping start", "a mapping",
      "block sequence start", "a list",
      "scalar", "a value",
      "document start", "a '---' line");
  private static final Map<Integer, String> OPENED = Map.of(
      (int) '"', "quoted value", (int) '\'', "quoted value", (int) '[', "list", (int) '{', "mapping");

  static YamlProblem of(SourceText text, JsonProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        return syntax(text, marked);
      }
    }
    return mapping(e);
  }

  private static YamlProblem syntax(SourceText text, MarkedYAMLException e) {
    Place problem = place(e.getProblemMark());
    Place context = e.getContextMark() == null ? null : place(e.getContextMark());
    int found = text.charAt(problem);
    if (found == '\t') {
      String space = text.inIndentation(problem) ? "an indentation space" : "a space";
      return new YamlProblem(problem, "found a tab character where " + space + " is expected");
    }
    if (found == '@' || found == '`') {
      return new YamlProblem(problem, "a value cannot start with " + (char) found + "; put the value in quotes");
    }
    if (text.atEnd(problem)) {
      String opened = context == null ? null : OPENED.get(text.charAt(context));
      if (opened != null) {
        return new YamlProblem(context, "the " + (char) text.charAt(context) + " here is never closed: the file ends"
            + " inside the " + opened);
      }
      Place at = context != null && !text.atEnd(context) ? context : text.endOfContent();
      return new YamlProblem(at, plain(e.getProblem()));
    }
    if (e instanceof ParserException && text.startsItsLine(problem)
        && (context == null || context.column() != problem.column())) {
      return new YamlProblem(problem, "bad indentation: this line lines up with no line above it");
    }
    return new YamlProblem(problem, plain(e.getProblem()));
  }

  /** A problem of a well-formed text: a key twice, or a value of the wrong kind for its key. */
  private static YamlProblem mapping(JsonProcessingException e) {
    JsonProcessingException first = e;
    while (first.getCause() instanceof JsonProcessingException cause) {
      first = cause;
    }
    JsonParser parser = first.getProcessor() instanceof JsonParser p ? p : null;
    JsonLocation where = parser == null ? first.getLocation() : parser.currentTokenLocation();
    Place place = where == null ? new Place(1, 1) : new Place(where.getLineNr(), where.getColumnNr());
    // Jackson's duplicate detection says which key only in its message.
    String key = parser == null ? null : parser.getParsingContext().getCurrentName();
    if (key != null && ("Duplicate field '" + key + "'").equals(first.getOriginalMessage())) {
      return new YamlProblem(place, "duplicate key '" + key + "'");
    }
    if (first.getOriginalMessage().startsWith("Expected a field name")) { // the YAML parser met a complex key
      return new YamlProblem(place, "a key must be a single value, not a mapping or a list; is a '{' or '[' too"
          + " many here?");
    }
    if (e instanceof MismatchedInputException mismatch && kind(mismatch.getTargetType()) != null
        && !path(mismatch).isEmpty()) {
      return new YamlProblem(place, "'" + path(mismatch) + "' must be " + kind(mismatch.getTargetType()));
    }
    return new YamlProblem(place, first.getOriginalMessage());
  }

  /** The dotted path of the value that did not fit, e.g. {@code tags[1]}. */
  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining()).replaceFirst("^\\.", "");
  }

  private static String kind(Class<?> type) {
    if (type == null) {
      return null;
    } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    } else if (Map.class.isAssignableFrom(type) || ObjectNode.class.isAssignableFrom(type)) {
      return "a mapping";
    } else if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    } else if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    }
    return type == String.class ? "a single value" : null;
  }

  /** SnakeYAML's problem with its token names in words. */
  private static String plain(String problem) {
    Matcher token = TOKEN.matcher(Objects.requireNonNullElse(problem, "not valid YAML")
        .replace("the node content", "a value"));
    return token.replaceAll(m -> Matcher.quoteReplacement(TOKEN_WORDS.getOrDefault(m.group(1), m.group())));
  }

  private static Place place(Mark mark) {
    return new Place(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
