package io.alphintra.tradingapi.fill;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The fill_key, fill (partitioned by time) tables and the daily_pnl view. */
@Repository
public class Fills {

  private final JdbcClient jdbc;

  /** The pairs whose fill_cursor row this process saw committed. */
  private final Set<Followed> followedCommitted = ConcurrentHashMap.newKeySet();

  Fills(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims a fill id; false when it was recorded before (the exactly-once guard). */
  boolean claim(String connection, String venueFillId) {
    return jdbc.sql(
                "INSERT INTO fill_key (broker_connection, venue_fill_id) VALUES (?, ?) ON CONFLICT"
                    + " DO NOTHING")
            .param(connection)
            .param(venueFillId)
            .update()
        == 1;
  }

  void insert(String connection, long tradeId, Fill fill, Instant recordedAt) {
    jdbc.sql(
            "INSERT INTO fill (broker_connection, venue_fill_id, trade_id, order_id, account_id,"
                + " symbol, side, quantity, price, quote_quantity, fee, fee_asset, commission,"
                + " commission_asset, realized_pnl, executed_at, recorded_at) VALUES (?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .param(connection)
        .param(fill.venueFillId())
        .param(tradeId)
        .param(fill.orderId())
        .param(fill.accountId())
        .param(fill.symbol())
        .param(fill.side())
        .param(fill.quantity())
        .param(fill.price())
        .param(fill.quoteQuantity())
        .param(fill.fee())
        .param(fill.feeAsset())
        .param(fill.commission())
        .param(fill.commissionAsset())
        .param(fill.realizedPnl())
        .param(Timestamp.from(fill.executedAt()))
        .param(Timestamp.from(recordedAt))
        .update();
  }

  /**
   * The feed's cursor of a connection and symbol, row-locked (created at -1, before any trade, when
   * absent); call inside a transaction.
   */
  long lockCursor(String connection, String symbol, Instant now) {
    follow(connection, symbol, now);
    return jdbc.sql(
            "SELECT last_trade_id FROM fill_cursor WHERE broker_connection = ? AND symbol = ? FOR"
                + " UPDATE")
        .param(connection)
        .param(symbol)
        .query(Long.class)
        .single();
  }

  /** The last trade id recorded for a connection and symbol, -1 before the first. */
  public long cursor(String connection, String symbol) {
    return jdbc.sql(
            "SELECT last_trade_id FROM fill_cursor WHERE broker_connection = ? AND symbol = ?")
        .param(connection)
        .param(symbol)
        .query(Long.class)
        .optional()
        .orElse(-1L);
  }

  /** Moves the cursor forward (never back) to {@code tradeId}; the row must be locked. */
  void advanceCursor(String connection, String symbol, long tradeId, Instant now) {
    jdbc.sql(
            "UPDATE fill_cursor SET last_trade_id = GREATEST(last_trade_id, ?), updated_at = ?"
                + " WHERE broker_connection = ? AND symbol = ?")
        .param(tradeId)
        .param(Timestamp.from(now))
        .param(connection)
        .param(symbol)
        .update();
  }

  /**
   * Makes the feed follow a connection and symbol (from before its first trade); a placement calls
   * this in its transaction, so every order's fills are followed. A pair's row is written once:
   * rows of {@code fill_cursor} are never deleted, so once one is committed (seen after the commit
   * of the transaction that wrote or met it) this process skips the statement for it.
   */
  public void follow(String connection, String symbol, Instant now) {
    Followed pair = new Followed(connection, symbol);
    if (followedCommitted.contains(pair)) {
      return;
    }
    jdbc.sql(
            "INSERT INTO fill_cursor (broker_connection, symbol, last_trade_id, updated_at) VALUES"
                + " (?, ?, -1, ?) ON CONFLICT DO NOTHING")
        .param(connection)
        .param(symbol)
        .param(Timestamp.from(now))
        .update();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              followedCommitted.add(pair);
            }
          });
    } else {
      followedCommitted.add(pair);
    }
  }

  /** The connections and symbols the feed follows: every one an order of trading-api went to. */
  List<Followed> followed() {
    return jdbc.sql("SELECT broker_connection, symbol FROM fill_cursor ORDER BY 1, 2")
        .query((rs, row) -> new Followed(rs.getString(1), rs.getString(2)))
        .list();
  }

  /** A connection and symbol whose fills the feed reads. */
  record Followed(String connection, String symbol) {}

  /** A page of an account's fills, newest first; {@code orderId} optional. */
  public List<Fill> list(String accountId, UUID orderId, int page, int size) {
    return jdbc.sql(
            "SELECT venue_fill_id, order_id, account_id, symbol, side, quantity, price,"
                + " quote_quantity, fee, fee_asset, commission, commission_asset, realized_pnl, executed_at"
                + " FROM fill WHERE"
                + " account_id = ? AND (CAST(? AS uuid) IS NULL OR order_id = ?) ORDER BY"
                + " executed_at DESC, venue_fill_id LIMIT ? OFFSET ?")
        .param(accountId)
        .param(orderId)
        .param(orderId)
        .param(size)
        .param((long) page * size)
        .query(
            (rs, row) ->
                new Fill(
                    rs.getString("venue_fill_id"),
                    rs.getObject("order_id", UUID.class),
                    rs.getString("account_id"),
                    rs.getString("symbol"),
                    rs.getString("side"),
                    rs.getBigDecimal("quantity"),
                    rs.getBigDecimal("price"),
                    rs.getBigDecimal("quote_quantity"),
                    rs.getBigDecimal("fee"),
                    rs.getString("fee_asset"),
                    rs.getBigDecimal("commission"),
                    rs.getString("commission_asset"),
                    rs.getBigDecimal("realized_pnl"),
                    rs.getTimestamp("executed_at").toInstant()))
        .list();
  }

  /**
   * One row of the daily_pnl view.
   *
   * @param symbol e.g. BTCUSDT
   * @param day UTC day
   * @param realizedPnl realized PnL that day, fees deducted
   * @param fees fees that day
   * @param tradedNotional quote amount traded
   * @param fills number of fills
   */
  public record DailyPnl(
      String symbol,
      LocalDate day,
      BigDecimal realizedPnl,
      BigDecimal fees,
      BigDecimal tradedNotional,
      long fills) {}

  public List<DailyPnl> daily(String accountId, LocalDate from, LocalDate to) {
    return jdbc.sql(
            "SELECT symbol, day, realized_pnl, fees, traded_notional, fills FROM daily_pnl WHERE"
                + " account_id = ? AND day >= ? AND day <= ? ORDER BY day, symbol")
        .param(accountId)
        .param(from)
        .param(to)
        .query(
            (rs, row) ->
                new DailyPnl(
                    rs.getString("symbol"),
                    rs.getObject("day", LocalDate.class),
                    rs.getBigDecimal("realized_pnl"),
                    rs.getBigDecimal("fees"),
                    rs.getBigDecimal("traded_notional"),
                    rs.getLong("fills")))
        .list();
  }
}
