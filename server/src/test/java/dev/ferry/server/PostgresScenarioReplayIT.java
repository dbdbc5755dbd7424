package dev.ferry.server;

import dev.ferry.testing.TestDatabases;

/** The recorded Prefect scenarios replayed against a server on PostgreSQL. */
class PostgresScenarioReplayIT extends ScenarioReplayIT {
  @Override
  protected String databaseUrl() {
    return TestDatabases.freshPostgres();
  }
}
