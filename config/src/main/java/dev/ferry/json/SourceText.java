package dev.ferry.json;

import java.util.List;

/**
 * The text of a file a person wrote, addressed as an editor shows it: lines and columns from 1, a
 * column counting characters (code points). Places past the end of a line or of the file are allowed
 * and hold nothing.
 */
record SourceText(List<String> lines) {
  /** A place in the text: line and column from 1. */
  record Place(int line, int column) {}

  static SourceText of(String text) {
    return new SourceText(text.lines().toList());
  }

  /** Line {@code line}, without its line break; empty past the end of the file. */
  String line(int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }

  /** The character at a place, or -1 past the end of its line. */
  int charAt(Place place) {
    String text = line(place.line());
    int offset = offset(text, place.column());
    return place.column() >= 1 && offset < text.length() ? text.codePointAt(offset) : -1;
  }

  /** Whether a place has nothing at or after it but blanks: a parser that stopped there read the whole file. */
  boolean atEnd(Place place) {
    String text = line(place.line());
    return text.substring(offset(text, place.column())).isBlank()
        && lines.subList(Math.min(place.line(), lines.size()), lines.size()).stream().allMatch(String::isBlank);
  }

  /** Whether nothing but blanks comes before a place on its line: it is in the line's indentation. */
  boolean inIndentation(Place place) {
    String text = line(place.line());
    return text.substring(0, offset(text, place.column())).isBlank();
  }

  /** Whether a place is the first character of its line that is not a space: where its indentation ends. */
  boolean startsItsLine(Place place) {
    String text = line(place.line());
    return !text.isBlank() && text.length() - text.stripLeading().length() == place.column() - 1;
  }

  /** Just past the last character of the last line that is not blank. */
  Place endOfContent() {
    int line = lines.size();
    while (line > 1 && line(line).isBlank()) {
      line--;
    }
    String text = line(line).stripTrailing();
    return new Place(Math.max(line, 1), text.codePointCount(0, text.length()) + 1);
  }

  /** The line of a place, then a caret under its column (tabs before it kept, so the caret lines up). */
  String excerpt(Place place) {
    String text = line(place.line());
    StringBuilder caret = new StringBuilder();
    text.codePoints().limit(Math.max(place.column() - 1L, 0)).forEach(c -> caret.append(c == '\t' ? '\t' : ' '));
    caret.append(" ".repeat(Math.max(0, place.column() - 1 - caret.length()))).append('^');
    return text + "\n" + caret;
  }

  /** The offset in {@code text} of a column, at most the end of the line. */
  private static int offset(String text, int column) {
    return text.offsetByCodePoints(0, Math.min(Math.max(column - 1, 0), text.codePointCount(0, text.length())));
  }
}
