package dev.ferry.server.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.error.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Unix cron expression evaluated in a time zone (cron-utils). */
final class CronSchedule implements Schedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final ExecutionTime execution;
  private final ZoneId zone;

  private CronSchedule(ExecutionTime execution, ZoneId zone) {
    this.execution = execution;
    this.zone = zone;
  }

  static CronSchedule parse(JsonNode json) {
    String expression = json.get("cron").asText();
    Cron cron;
    try {
      cron = PARSER.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Schedule key 'cron' is '" + expression + "', not a cron expression ("
          + e.getMessage() + "); use five fields, e.g. '0 2 * * *' for 02:00 every day");
    }
    return new CronSchedule(ExecutionTime.forCron(cron), Schedule.zone(json));
  }

  @Override
  public List<Instant> times(Instant after, Instant until, int max) {
    List<Instant> times = new ArrayList<>();
    ZonedDateTime cursor = after.atZone(zone);
    while (times.size() < max) {
      Optional<ZonedDateTime> next = execution.nextExecution(cursor);
      if (next.isEmpty() || next.get().toInstant().isAfter(until)) {
        break;
      }
      times.add(next.get().toInstant());
      cursor = next.get();
    }
    return times;
  }
}
