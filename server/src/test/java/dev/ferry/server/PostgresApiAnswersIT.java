package dev.ferry.server;

import dev.ferry.testing.TestDatabases;

/** The claim rule and error answers of a server on PostgreSQL. */
class PostgresApiAnswersIT extends ApiAnswersIT {
  @Override
  protected String databaseUrl() {
    return TestDatabases.freshPostgres();
  }
}
