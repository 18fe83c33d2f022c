package io.alphintra.tradingapi.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The real migration on a real PostgreSQL, then the partition keeper run at a date past the months
 * the migration created.
 */
class FillPartitionsIT {

  private JdbcClient jdbc;
  private TransactionTemplate transactions;

  @BeforeEach
  void freshSchema() {
    DataSource dataSource = TestDatabase.migratedSchema();
    jdbc = JdbcClient.create(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Test
  void theComingMonthsGetPartitionsAndFillsGoIntoThem() {
    FillPartitions partitions = keeperAt("2028-02-15T10:00:00Z");

    assertThat(partitions.ensure())
        .containsExactly("fill_2028_02", "fill_2028_03", "fill_2028_04", "fill_2028_05");
    insertFill("f-1", "2028-04-30T23:59:59Z");

    assertThat(partitionOf("f-1")).isEqualTo("fill_2028_04");
    assertThat(partitions.ensure()).as("a second run has nothing to do").isEmpty();
  }

  @Test
  void aMonthWhoseFillsAlreadyLandedInTheDefaultPartitionIsCreatedWithThem() {
    insertFill("early-1", "2028-03-01T00:00:00Z");
    insertFill("early-2", "2028-03-31T12:00:00Z");
    insertFill("later", "2029-01-01T00:00:00Z");
    assertThat(partitionOf("early-1")).isEqualTo("fill_default");

    assertThat(keeperAt("2028-03-20T00:00:00Z").ensure()).contains("fill_2028_03");

    assertThat(partitionOf("early-1")).isEqualTo("fill_2028_03");
    assertThat(partitionOf("early-2")).isEqualTo("fill_2028_03");
    assertThat(partitionOf("later")).as("outside the months kept").isEqualTo("fill_default");
    assertThat(jdbc.sql("SELECT count(*) FROM fill").query(Long.class).single()).isEqualTo(3);
  }

  @Test
  void theMonthsTheMigrationCreatedAreLeftAlone() {
    assertThat(keeperAt("2026-11-30T12:00:00Z").ensure()).isEmpty();
    assertThat(partitionNames()).contains("fill_2026_11", "fill_2027_02", "fill_default");
  }

  private FillPartitions keeperAt(String instant) {
    return new FillPartitions(
        jdbc, transactions, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  private void insertFill(String id, String executedAt) {
    jdbc.sql(
            "INSERT INTO fill (broker_connection, venue_fill_id, order_id, account_id, symbol, side,"
                + " quantity, price, quote_quantity, executed_at, recorded_at) VALUES ('bc', ?, ?,"
                + " 'acc', 'BTCUSDT', 'BUY', 1, 100, 100, ?, now())")
        .param(id)
        .param(UUID.randomUUID())
        .param(Timestamp.from(Instant.parse(executedAt)))
        .update();
  }

  private String partitionOf(String id) {
    return jdbc.sql("SELECT tableoid::regclass::text FROM fill WHERE venue_fill_id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private List<String> partitionNames() {
    return jdbc.sql(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'fill'::regclass")
        .query(String.class)
        .list();
  }
}
