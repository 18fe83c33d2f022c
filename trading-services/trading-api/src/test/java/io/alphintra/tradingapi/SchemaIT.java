package io.alphintra.tradingapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the Flyway schema promises beyond its tables. */
class SchemaIT extends RunningTradingApi {

  @Autowired private JdbcClient jdbc;

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
