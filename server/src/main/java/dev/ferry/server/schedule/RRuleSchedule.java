package dev.ferry.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.error.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * An iCalendar recurrence rule (lib-recur), optionally with a {@code DTSTART:} line; without one
 * the rule starts at midnight, 1 January 2020, in the schedule's time zone.
 */
final class RRuleSchedule implements Schedule {
  private final RecurrenceRule rule;
  private final DateTime start;

  private RRuleSchedule(RecurrenceRule rule, DateTime start) {
    this.rule = rule;
    this.start = start;
  }

  static RRuleSchedule parse(JsonNode json) {
    String text = json.get("rrule").asText();
    ZoneId zone = Schedule.zone(json);
    TimeZone timeZone = TimeZone.getTimeZone(zone);
    DateTime start = new DateTime(timeZone, 2020, 0, 1, 0, 0, 0);
    String ruleText = text;
    try {
      for (String line : text.split("\\R")) {
        String trimmed = line.trim();
        if (trimmed.startsWith("DTSTART")) {
          String value = trimmed.substring(trimmed.indexOf(':') + 1);
          start = DateTime.parse(value.endsWith("Z") ? null : timeZone, value);
        } else if (!trimmed.isEmpty()) {
          ruleText = trimmed.startsWith("RRULE:") ? trimmed.substring("RRULE:".length()) : trimmed;
        }
      }
      return new RRuleSchedule(new RecurrenceRule(ruleText), start);
    } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
      throw new InvalidInputException("Schedule key 'rrule' is '" + text + "', not a recurrence rule (" + e.getMessage()
          + "); e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0");
    }
  }

  @Override
  public List<Instant> times(Instant after, Instant until, int max) {
    List<Instant> times = new ArrayList<>();
    RecurrenceRuleIterator iterator = rule.iterator(start);
    iterator.fastForward(after.toEpochMilli());
    while (iterator.hasNext() && times.size() < max) {
      Instant time = Instant.ofEpochMilli(iterator.nextMillis());
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
