package io.alphintra.tradingapi.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** One real PostgreSQL (embedded binaries) per test JVM, stopped when the JVM exits. */
public final class TestDatabase {

  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  public static synchronized String jdbcUrl() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
    }
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /**
   * A connection to a new, empty schema of the test database with trading-api's migrations applied:
   * for tests of one repository or component without the application.
   */
  public static DataSource migratedSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    SingleConnectionDataSource dataSource =
        new SingleConnectionDataSource(
            jdbcUrl() + "&currentSchema=" + schema, "postgres", "postgres", true);
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return dataSource;
  }

  /**
   * The JDBC URL of a new, empty database on the test server, for ITs that run their own
   * trading-api application contexts on a database no other context writes to.
   */
  public static synchronized String newDatabase() {
    String name = "db_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database " + name, e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  private static void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // The JVM is going away; the data directory is temporary.
    }
  }
}
