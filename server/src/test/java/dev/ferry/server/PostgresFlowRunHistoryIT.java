package dev.ferry.server;

import dev.ferry.testing.TestDatabases;

/** Flow-run history of a server on PostgreSQL. */
class PostgresFlowRunHistoryIT extends FlowRunHistoryIT {
  @Override
  protected String databaseUrl() {
    return TestDatabases.freshPostgres();
  }
}
