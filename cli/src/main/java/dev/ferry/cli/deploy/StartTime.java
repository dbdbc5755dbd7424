package dev.ferry.cli.deploy;

import dev.ferry.error.InvalidInputException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When a run should start, from {@code --start-in "10 minutes"} or {@code --start-at 2026-12-01T09:00}. */
public final class StartTime {
  private static final Pattern IN = Pattern.compile("(\\d+)\\s*([a-z]+)");

  private StartTime() {}

  /** Now plus a duration such as "90s", "10 minutes", "2 hours" or "1 day". */
  public static OffsetDateTime in(String text, OffsetDateTime now) {
    Matcher m = IN.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid("--start-in", text, "'10 minutes', '2 hours' or '90s'");
    }
    long n = Long.parseLong(m.group(1));
    Duration duration = switch (m.group(2)) {
      case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
      case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
      case "h", "hour", "hours" -> Duration.ofHours(n);
      case "d", "day", "days" -> Duration.ofDays(n);
      default -> throw invalid("--start-in", text, "'10 minutes', '2 hours' or '90s'");
    };
    return now.plus(duration);
  }

  /** An ISO 8601 time; without an offset it is read in {@code zone}. */
  public static OffsetDateTime at(String text, ZoneId zone) {
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toOffsetDateTime()
            .withOffsetSameInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw invalid("--start-at", text, "'2026-12-01T09:00' or '2026-12-01T09:00:00+01:00'");
      }
    }
  }

  private static InvalidInputException invalid(String option, String text, String examples) {
    return new InvalidInputException(option + " '" + text + "' is not a time ferry reads; use e.g. " + examples);
  }
}
