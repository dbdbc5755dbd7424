package dev.ferry.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Next start times across Berlin's switch to summer time (2026-03-29, 02:00 CET becomes 03:00 CEST). */
class ScheduleTest {
  private static final Instant BEFORE_SWITCH = Instant.parse("2026-03-27T12:00:00Z");
  private static final Instant WEEK_LATER = Instant.parse("2026-04-03T12:00:00Z");

  private static List<Instant> times(String json, int max) {
    return Schedule.parse(Json.tree(json)).times(BEFORE_SWITCH, WEEK_LATER, max);
  }

  @Test
  void dailyCronKeepsItsWallClockTimeAcrossTheDstChange() {
    assertThat(times("{\"cron\": \"0 9 * * *\", \"timezone\": \"Europe/Berlin\", \"day_or\": true}", 4)).containsExactly(
        Instant.parse("2026-03-28T08:00:00Z"), // 09:00 CET
        Instant.parse("2026-03-29T07:00:00Z"), // 09:00 CEST
        Instant.parse("2026-03-30T07:00:00Z"),
        Instant.parse("2026-03-31T07:00:00Z"));
  }

  @Test
  void cronWithoutTimezoneRunsInUtc() {
    assertThat(times("{\"cron\": \"0 2 * * *\"}", 2))
        .containsExactly(Instant.parse("2026-03-28T02:00:00Z"), Instant.parse("2026-03-29T02:00:00Z"));
  }

  @Test
  void dailyIntervalStaysAtTheAnchorsWallClockTime() {
    String daily = "{\"interval\": 86400, \"anchor_date\": \"2026-01-01T09:00:00+01:00\", \"timezone\": \"Europe/Berlin\"}";
    assertThat(times(daily, 3)).containsExactly(
        Instant.parse("2026-03-28T08:00:00Z"),
        Instant.parse("2026-03-29T07:00:00Z"),
        Instant.parse("2026-03-30T07:00:00Z"));
  }

  @Test
  void hourlyIntervalStepsInExactHoursThroughTheSwitch() {
    String hourly = "{\"interval\": 3600, \"anchor_date\": \"2026-03-29T00:30:00Z\", \"timezone\": \"Europe/Berlin\"}";
    List<Instant> times = Schedule.parse(Json.tree(hourly))
        .times(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T03:00:00Z"), 10);
    assertThat(times).containsExactly(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
        Instant.parse("2026-03-29T02:30:00Z"));
  }

  @Test
  void rruleFollowsTheTimeZone() {
    assertThat(times("{\"rrule\": \"FREQ=DAILY;BYHOUR=9;BYMINUTE=0\", \"timezone\": \"Europe/Berlin\"}", 2))
        .containsExactly(Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z"));
  }

  @Test
  void rruleWithItsOwnStart() {
    assertThat(times("{\"rrule\": \"DTSTART:20260101T060000Z\\nRRULE:FREQ=WEEKLY;BYDAY=MO\"}", 1))
        .containsExactly(Instant.parse("2026-03-30T06:00:00Z"));
  }

  @Test
  void maxAndUntilBoundTheAnswer() {
    assertThat(times("{\"interval\": 60}", 5)).hasSize(5);
    assertThat(times("{\"cron\": \"0 0 1 1 *\"}", 5)).isEmpty();
  }

  @Test
  void badScheduleNamesTheKeyAndAnExample() {
    assertThatThrownBy(() -> Schedule.parse(Json.tree("{\"cron\": \"every day\"}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'cron'").hasMessageContaining("0 2 * * *");
    assertThatThrownBy(() -> Schedule.parse(Json.tree("{\"cron\": \"0 2 * * *\", \"timezone\": \"Mars/Olympus\"}")))
        .hasMessageContaining("'timezone'");
    assertThatThrownBy(() -> Schedule.parse(Json.tree("{\"interval\": -5}"))).hasMessageContaining("'interval'");
    assertThatThrownBy(() -> Schedule.parse(Json.tree("{\"rrule\": \"FREQ=SOMETIMES\"}"))).hasMessageContaining("'rrule'");
  }
}
