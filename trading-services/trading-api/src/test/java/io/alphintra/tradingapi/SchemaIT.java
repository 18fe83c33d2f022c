package io.alphintra.tradingapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the Flyway schema promises beyond its tables. */
class SchemaIT extends RunningTradingApi {

  @Autowired private JdbcClient jdbc;
  @Autowired private DataSource dataSource;

  @Test
  void fillsLandInTheMonthlyPartitionOfTheirExecutionTimeOrInTheDefaultOne() {
    String account = userAccount("schema-" + UUID.randomUUID(), null);
    insertFill(account, "f-1", "2026-11-30T10:00:00Z");
    insertFill(account, "f-2", "2031-01-01T00:00:00Z");

    assertThat(partitionOf("f-1")).isEqualTo("fill_2026_11");
    assertThat(partitionOf("f-2")).isEqualTo("fill_default");
  }

  @Test
  void orderEventsAreAppendOnly() {
    assertThatThrownBy(() -> jdbc.sql("UPDATE order_event SET reason = 'rewritten'").update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM order_event").update())
        .hasMessageContaining("append-only");
  }

  @Test
  void theListQueriesHaveIndexes() {
    assertThat(
            jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename IN ('trade_order', 'fill')")
                .query(String.class)
                .list())
        .contains(
            "trade_order_account_created",
            "trade_order_account_status",
            "trade_order_account_symbol",
            "trade_order_open",
            "fill_account_executed");
  }

  @Test
  void upgradingADatabaseWithFillsDerivedFromOrderStatesFollowsItsOrdersFromTheFeed() {
    String schema = "upgrade_" + UUID.randomUUID().toString().substring(0, 8);
    Flyway.configure().dataSource(dataSource).schemas(schema).target("1").load().migrate();
    jdbc.sql(
            "INSERT INTO "
                + schema
                + ".account (id, owner_type, owner_id, broker_connection) VALUES ('acc-up',"
                + " 'USER', 'user-up', 'venue-up')")
        .update();
    jdbc.sql(
            "INSERT INTO "
                + schema
                + ".trade_order (id, account_id, client_order_id, venue_client_order_id,"
                + " broker_connection, symbol, side, type, quantity, price, status,"
                + " filled_quantity, filled_quote_quantity, placed_by, created_at, updated_at)"
                + " VALUES (gen_random_uuid(), 'acc-up', 'c-up', 'v-up', 'venue-up', 'SIMUSDT',"
                + " 'BUY', 'LIMIT', 1, 100, 'PARTIALLY_FILLED', 0.4, 40, 'user-up', now(), now())")
        .update();

    Flyway.configure().dataSource(dataSource).schemas(schema).load().migrate();

    assertThat(
            jdbc.sql(
                    "SELECT recorded_quantity, derived_quantity FROM "
                        + schema
                        + ".trade_order WHERE client_order_id = 'c-up'")
                .query((rs, row) -> List.of(rs.getBigDecimal(1), rs.getBigDecimal(2)))
                .single())
        .allSatisfy(quantity -> assertThat(quantity).isEqualByComparingTo("0.4"));
    assertThat(
            jdbc.sql(
                    "SELECT broker_connection || '/' || symbol || '/' || last_trade_id FROM "
                        + schema
                        + ".fill_cursor")
                .query(String.class)
                .list())
        .containsExactly("venue-up/SIMUSDT/-1");
    jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
  }

  private void insertFill(String account, String fillId, String executedAt) {
    jdbc.sql(
            "INSERT INTO fill (broker_connection, venue_fill_id, order_id, account_id, symbol, side,"
                + " quantity, price, quote_quantity, executed_at, recorded_at) VALUES ('schema', ?,"
                + " gen_random_uuid(), ?, 'SIMUSDT', 'BUY', 1, 1, 1, CAST(? AS timestamptz), now())")
        .param(fillId)
        .param(account)
        .param(executedAt)
        .update();
  }

  private String partitionOf(String fillId) {
    return jdbc.sql(
            "SELECT tableoid::regclass::text FROM fill WHERE broker_connection = 'schema' AND"
                + " venue_fill_id = ?")
        .param(fillId)
        .query(String.class)
        .single();
  }
}
