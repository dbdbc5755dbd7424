package dev.ferry.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for integration tests. PostgreSQL comes from {@code FERRY_TEST_POSTGRES_URL},
 * which .ci/run sets after starting a server; without it the PostgreSQL tests are skipped with a
 * message, or fail when {@code CI=true}.
 */
public final class TestDatabases {
  public static final String POSTGRES_URL = "FERRY_TEST_POSTGRES_URL";

  private TestDatabases() {}

  /** The JDBC URL of a new, empty PostgreSQL database of its own. */
  public static String freshPostgres() {
    String base = System.getenv(POSTGRES_URL);
    if (base == null || base.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(POSTGRES_URL + " is not set under CI=true: .ci/run must start PostgreSQL");
      }
      Assumptions.abort("PostgreSQL tests skipped: set " + POSTGRES_URL
          + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=ferry), as .ci/run does");
    }
    String name = "ferry_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create a test database at " + base + ": " + e.getMessage(), e);
    }
    return base.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
  }
}
