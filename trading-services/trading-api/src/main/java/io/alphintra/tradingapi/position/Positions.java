package io.alphintra.tradingapi.position;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The position and balance tables. */
@Repository
public class Positions {

  private final JdbcClient jdbc;

  Positions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The position, row-locked (created flat if absent); call inside a transaction. */
  public Position lock(String accountId, String symbol, Instant now) {
    jdbc.sql(
            "INSERT INTO position (account_id, symbol, updated_at) VALUES (?, ?, ?) ON CONFLICT DO"
                + " NOTHING")
        .param(accountId)
        .param(symbol)
        .param(Timestamp.from(now))
        .update();
    return jdbc.sql(
            "SELECT quantity, average_price, realized_pnl, fees FROM position WHERE account_id = ?"
                + " AND symbol = ? FOR UPDATE")
        .param(accountId)
        .param(symbol)
        .query(
            (rs, row) ->
                new Position(
                    rs.getBigDecimal("quantity"),
                    rs.getBigDecimal("average_price"),
                    rs.getBigDecimal("realized_pnl"),
                    rs.getBigDecimal("fees")))
        .single();
  }

  public void save(String accountId, String symbol, Position position, Instant now) {
    jdbc.sql(
            "UPDATE position SET quantity = ?, average_price = ?, realized_pnl = ?, fees = ?,"
                + " updated_at = ? WHERE account_id = ? AND symbol = ?")
        .param(position.quantity())
        .param(position.averagePrice())
        .param(position.realizedPnl())
        .param(position.fees())
        .param(Timestamp.from(now))
        .param(accountId)
        .param(symbol)
        .update();
  }

  public Optional<Position> find(String accountId, String symbol) {
    return jdbc.sql(
            "SELECT quantity, average_price, realized_pnl, fees FROM position WHERE account_id = ?"
                + " AND symbol = ?")
        .param(accountId)
        .param(symbol)
        .query(
            (rs, row) ->
                new Position(
                    rs.getBigDecimal("quantity"),
                    rs.getBigDecimal("average_price"),
                    rs.getBigDecimal("realized_pnl"),
                    rs.getBigDecimal("fees")))
        .optional();
  }

  /** Symbols with a position row, sorted. */
  List<String> symbols(String accountId) {
    return jdbc.sql("SELECT symbol FROM position WHERE account_id = ? ORDER BY symbol")
        .param(accountId)
        .query(String.class)
        .list();
  }

  /** Adds {@code delta} to the account's balance of {@code asset}. */
  public void addToBalance(String accountId, String asset, BigDecimal delta, Instant now) {
    jdbc.sql(
            "INSERT INTO balance (account_id, asset, amount, updated_at) VALUES (?, ?, ?, ?) ON"
                + " CONFLICT (account_id, asset) DO UPDATE SET amount = balance.amount +"
                + " EXCLUDED.amount, updated_at = EXCLUDED.updated_at")
        .param(accountId)
        .param(asset)
        .param(delta)
        .param(Timestamp.from(now))
        .update();
  }
}
