package dev.ferry.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.error.InvalidInputException;
import dev.ferry.vertx.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The server's database: a JDBC pool, migrated by Flyway on open, reached from Vert.x code only
 * through {@link #read} and {@link #transaction}, which run on a bounded worker pool.
 */
public final class Database implements AutoCloseable {
  private static final int POOL_SIZE = 8;

  private final HikariDataSource dataSource;
  private final Blocking blocking;

  private Database(HikariDataSource dataSource, Blocking blocking) {
    this.dataSource = dataSource;
    this.blocking = blocking;
  }

  /** Work done with one connection; may throw SQLException. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Opens and migrates the database at a JDBC URL ({@code jdbc:sqlite:PATH} or {@code jdbc:postgresql:...}). Blocking. */
  public static Database open(Vertx vertx, String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("ferry-db");
    config.setMaximumPoolSize(POOL_SIZE);
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      SqliteLibrary.useFrom(SqliteLibrary.userCache());
      createParentFolder(jdbcUrl.substring("jdbc:sqlite:".length()));
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("busy_timeout", "30000");
      config.addDataSourceProperty("foreign_keys", "true");
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      config.addDataSourceProperty("synchronous", "NORMAL");
    } else if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new InvalidInputException("Database URL '" + jdbcUrl
          + "' is not supported; use jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB");
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new InvalidInputException("Cannot open database " + jdbcUrl + ": " + rootMessage(e), e);
    }
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return new Database(dataSource, new Blocking(vertx, "ferry-db", POOL_SIZE));
  }

  /** Runs work on a connection in auto-commit mode. */
  public <T> Future<T> read(Work<T> work) {
    return blocking.run(() -> {
      try (Connection connection = dataSource.getConnection()) {
        return work.run(connection);
      }
    });
  }

  /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> Future<T> transaction(Work<T> work) {
    return blocking.run(() -> {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (Exception e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
      }
    });
  }

  @Override
  public void close() {
    blocking.close();
    dataSource.close();
  }

  private static void createParentFolder(String path) {
    Path parent = Path.of(path.contains("?") ? path.substring(0, path.indexOf('?')) : path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (Exception e) {
      throw new InvalidInputException("Cannot create the database folder " + parent + ": " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage();
  }
}
