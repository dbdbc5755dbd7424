package dev.ferry.infrastructure.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size as Prefect's {@code mem_limit} and {@code memswap_limit} take it, read as docker-py
 * reads them: a number of bytes, or text with a unit ({@code 64m}, {@code 1g}, {@code 512k},
 * {@code 100000b}, {@code 1.5g}, {@code 64mb}; none means bytes), units of 1024.
 *
 * @param bytes the size in bytes; -1 (memswap_limit only) means unlimited swap
 * @param text the size as the block gives it, for messages
 */
record ByteSize(long bytes, String text) {
  private static final Pattern SIZE = Pattern.compile("(-?(?:\\d+\\.?\\d*|\\.\\d+))([bkmg]?)b?",
      Pattern.CASE_INSENSITIVE);
  private static final Map<String, Long> UNITS = Map.of("", 1L, "b", 1L, "k", 1L << 10, "m", 1L << 20, "g", 1L << 30);

  /** The size in field {@code field}; null when the field is empty. */
  static ByteSize parse(String field, JsonNode value) {
    if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
      return null;
    }
    if (value.isNumber()) {
      if (value.asLong() < 0 && !(value.asLong() == -1 && field.equals("memswap_limit"))) { // -1: unlimited swap
        throw DockerBlock.invalid(field, "is " + value.asText(), "give a size such as 64m, 1g or a number of bytes");
      }
      return new ByteSize(value.asLong(), value.asText());
    }
    String text = value.isTextual() ? value.asText().strip() : value.toString();
    Matcher size = SIZE.matcher(text);
    if (!size.matches()) {
      throw DockerBlock.invalid(field, "is '" + text + "'", "give a size such as 64m, 1g or a number of bytes");
    }
    long unit = UNITS.get(size.group(2).toLowerCase(Locale.ROOT));
    return new ByteSize((long) (Double.parseDouble(size.group(1)) * unit), text);
  }

  /** {@code bytes} as the largest whole unit spells it: {@code 64m}, {@code 1g}, {@code 1000b}. */
  static String format(long bytes) {
    for (String unit : new String[] {"g", "m", "k"}) {
      long size = UNITS.get(unit);
      if (bytes != 0 && bytes % size == 0) {
        return bytes / size + unit;
      }
    }
    return bytes + "b";
  }
}
