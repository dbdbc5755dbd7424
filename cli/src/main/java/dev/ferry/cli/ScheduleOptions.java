package dev.ferry.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import dev.ferry.server.schedule.Schedule;
import picocli.CommandLine.Option;

/** A deployment schedule from flags, in Prefect's JSON shape: --cron, --interval [--anchor-date] or --rrule, with --timezone. */
public final class ScheduleOptions {
  @Option(names = "--cron", paramLabel = "EXPR", description = "Run on a cron schedule, e.g. '0 2 * * *'.")
  String cron;

  @Option(names = "--interval", paramLabel = "SECONDS", description = "Run every this many seconds.")
  Double interval;

  @Option(names = "--anchor-date", paramLabel = "DATE", description = "When the interval counts from (ISO 8601).")
  String anchorDate;

  @Option(names = "--rrule", paramLabel = "RRULE", description = "Run on an iCalendar rule, e.g. 'FREQ=WEEKLY;BYDAY=MO'.")
  String rrule;

  @Option(names = "--timezone", paramLabel = "TZ", description = "The schedule's time zone, e.g. Europe/Berlin (default UTC).")
  String timezone;

  /** The schedule the flags describe, checked; null when none was given. */
  public ObjectNode schedule() {
    int given = (cron == null ? 0 : 1) + (interval == null ? 0 : 1) + (rrule == null ? 0 : 1);
    if (given > 1) {
      throw new InvalidInputException("Give one of --cron, --interval and --rrule, not " + given);
    }
    if (given == 0) {
      if (anchorDate != null || timezone != null) {
        throw new InvalidInputException("--anchor-date and --timezone need a schedule: --cron, --interval or --rrule");
      }
      return null;
    }
    ObjectNode schedule = Json.object();
    if (cron != null) {
      schedule.put("cron", cron).put("timezone", timezone).put("day_or", true);
    } else if (interval != null) {
      schedule.put("interval", interval).put("anchor_date", anchorDate).put("timezone", timezone);
    } else {
      schedule.put("rrule", rrule).put("timezone", timezone);
    }
    Schedule.parse(schedule);
    return schedule;
  }
}
