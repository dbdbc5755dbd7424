package dev.ferry.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110): a number of seconds, or an HTTP-date. A pause longer than
 * {@link #MOST} is cut to it, so that one odd answer cannot stop an agent for hours.
 */
final class RetryAfter {
  static final Duration MOST = Duration.ofMinutes(5);

  private RetryAfter() {}

  /** The pause the header asks for, from {@code now} for a date; null when there is none or it is unreadable. */
  static Duration parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    Duration pause;
    if (value.chars().allMatch(Character::isDigit)) {
      pause = value.length() > 9 ? MOST : Duration.ofSeconds(Long.parseLong(value));
    } else {
      try {
        pause = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (pause.isNegative()) {
      return Duration.ZERO;
    }
    return pause.compareTo(MOST) > 0 ? MOST : pause;
  }
}
