package dev.ferry.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.error.InvalidInputException;
import java.time.Instant;
import java.util.List;

/**
 * A deployment's schedule, in one of Prefect 2.7's three shapes: {@code {"cron", "timezone",
 * "day_or"}}, {@code {"interval" (seconds), "anchor_date", "timezone"}} or {@code {"rrule",
 * "timezone"}}. Times are computed in the schedule's time zone, so they follow its DST changes.
 */
public interface Schedule {
  /** The start times strictly after {@code after} and not after {@code until}, at most {@code max}, earliest first. */
  List<Instant> times(Instant after, Instant until, int max);

  /** Reads a schedule; a malformed one is an error that names the key at fault. */
  static Schedule parse(JsonNode json) {
    if (json.hasNonNull("cron")) {
      return CronSchedule.parse(json);
    }
    if (json.hasNonNull("interval")) {
      return IntervalSchedule.parse(json);
    }
    if (json.hasNonNull("rrule")) {
      return RRuleSchedule.parse(json);
    }
    throw new InvalidInputException("A schedule needs 'cron', 'interval' or 'rrule'; got " + json);
  }

  /** The schedule's time zone: its {@code timezone} key, UTC when absent. */
  static java.time.ZoneId zone(JsonNode json) {
    String name = json.path("timezone").asText(null);
    if (name == null || name.isBlank()) {
      return java.time.ZoneOffset.UTC;
    }
    try {
      return java.time.ZoneId.of(name);
    } catch (java.time.DateTimeException e) {
      throw new InvalidInputException("Schedule key 'timezone' is '" + name
          + "', not a time zone; use an IANA name such as Europe/Berlin or America/New_York");
    }
  }
}
