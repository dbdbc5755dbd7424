package dev.ferry.server.services;

import java.time.Duration;

/**
 * How often the server's background services run and what they wait for.
 *
 * @param schedulerInterval how often the scheduler creates runs for active schedules
 * @param lateRunsInterval how often SCHEDULED runs past their start time are marked Late
 * @param lateAfter how long after its start time a run that nobody claimed counts as late
 * @param reaperInterval how often runs whose agent stopped heartbeating are marked CRASHED
 * @param heartbeatTimeout how long without a heartbeat before a held run counts as lost
 */
public record ServiceSettings(Duration schedulerInterval, Duration lateRunsInterval, Duration lateAfter,
    Duration reaperInterval, Duration heartbeatTimeout) {
  public static final ServiceSettings DEFAULTS = new ServiceSettings(Duration.ofSeconds(60), Duration.ofSeconds(5),
      Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(90));
}
