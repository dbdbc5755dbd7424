package dev.ferry.server;

import dev.ferry.testing.TestDatabases;

/** The recorded Prefect session replayed against a server on PostgreSQL. */
class PostgresCaptureReplayIT extends CaptureReplayIT {
  @Override
  protected String databaseUrl() {
    return TestDatabases.freshPostgres();
  }
}
