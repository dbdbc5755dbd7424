package dev.ferry.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code interval} seconds from {@code anchor_date}. Intervals of whole days step in local
 * calendar days of the time zone, so a daily run stays at the same wall-clock time across DST;
 * shorter intervals step in exact seconds.
 */
final class IntervalSchedule implements Schedule {
  private static final Duration DAY = Duration.ofDays(1);
  private static final Instant DEFAULT_ANCHOR = Instant.parse("2020-01-01T00:00:00Z");

  private final Duration interval;
  private final ZonedDateTime anchor;

  private IntervalSchedule(Duration interval, ZonedDateTime anchor) {
    this.interval = interval;
    this.anchor = anchor;
  }

  static IntervalSchedule parse(JsonNode json) {
    double seconds = json.get("interval").asDouble();
    if (!json.get("interval").isNumber() || seconds <= 0) {
      throw new InvalidInputException("Schedule key 'interval' is " + json.get("interval")
          + "; give a positive number of seconds, e.g. 3600");
    }
    ZoneId zone = Schedule.zone(json);
    ZonedDateTime anchor = DEFAULT_ANCHOR.atZone(zone);
    if (json.hasNonNull("anchor_date")) {
      String text = json.get("anchor_date").asText();
      try {
        anchor = OffsetDateTime.parse(text).atZoneSameInstant(zone);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException("Schedule key 'anchor_date' is '" + text
            + "', not a date-time; use ISO 8601 with an offset, e.g. 2026-01-01T00:00:00+00:00");
      }
    }
    return new IntervalSchedule(Duration.ofMillis(Math.round(seconds * 1000)), anchor);
  }

  @Override
  public List<Instant> times(Instant after, Instant until, int max) {
    List<Instant> times = new ArrayList<>();
    boolean calendarDays = interval.toMillis() % DAY.toMillis() == 0;
    long step = calendarDays ? interval.toDays() : interval.toMillis();
    long skipped = Math.max(0, (after.toEpochMilli() - anchor.toInstant().toEpochMilli()) / interval.toMillis() - 1);
    for (long n = skipped; times.size() < max; n++) {
      Instant time = calendarDays ? anchor.plusDays(n * step).toInstant() : anchor.toInstant().plusMillis(n * step);
      if (time.isAfter(until)) {
        break;
      }
      if (time.isAfter(after)) {
        times.add(time);
      }
    }
    return times;
  }
}
