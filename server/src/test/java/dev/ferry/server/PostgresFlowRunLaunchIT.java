package dev.ferry.server;

import dev.ferry.testing.TestDatabases;

/** Launch records of a server on PostgreSQL. */
class PostgresFlowRunLaunchIT extends FlowRunLaunchIT {
  @Override
  protected String databaseUrl() {
    return TestDatabases.freshPostgres();
  }
}
