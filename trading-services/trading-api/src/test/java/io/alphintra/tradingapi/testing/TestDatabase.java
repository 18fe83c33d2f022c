package io.alphintra.tradingapi.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

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

  private static void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // The JVM is going away; the data directory is temporary.
    }
  }
}
