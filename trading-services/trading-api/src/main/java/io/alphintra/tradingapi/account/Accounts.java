package io.alphintra.tradingapi.account;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account table. */
@Repository
public class Accounts {

  private static final String COLUMNS =
      "id, owner_type, owner_id, broker_connection, allowed_symbols, max_order_notional,"
          + " max_position_notional, price_band_bps, max_orders_per_second, max_open_orders,"
          + " kill_switch, kill_switch_reason, kill_switch_by, kill_switch_at";

  private final JdbcClient jdbc;

  Accounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Account> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ?")
        .param(id)
        .query(Accounts::map)
        .optional();
  }

  /** Reads and row-locks the account: pre-trade checks of one account run one at a time. */
  public Optional<Account> lock(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ? FOR UPDATE")
        .param(id)
        .query(Accounts::map)
        .optional();
  }

  public List<Account> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM account ORDER BY id").query(Accounts::map).list();
  }

  public List<Account> ownedBy(OwnerType type, String ownerId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM account WHERE owner_type = ? AND owner_id = ? ORDER BY id")
        .param(type.name())
        .param(ownerId)
        .query(Accounts::map)
        .list();
  }

  /** Inserts; false when the id is taken. */
  boolean create(Account account) {
    return jdbc.sql(
                "INSERT INTO account (id, owner_type, owner_id, broker_connection) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING")
            .param(account.id())
            .param(account.ownerType().name())
            .param(account.ownerId())
            .param(account.brokerConnection())
            .update()
        == 1;
  }

  void updateLimits(String id, RiskLimits limits) {
    jdbc.sql(
            "UPDATE account SET allowed_symbols = ?, max_order_notional = ?, max_position_notional"
                + " = ?, price_band_bps = ?, max_orders_per_second = ?, max_open_orders = ? WHERE id"
                + " = ?")
        .param(
            limits.allowedSymbols() == null ? null : limits.allowedSymbols().toArray(String[]::new))
        .param(limits.maxOrderNotional())
        .param(limits.maxPositionNotional())
        .param(limits.priceBandBps())
        .param(limits.maxOrdersPerSecond())
        .param(limits.maxOpenOrders())
        .param(id)
        .update();
  }

  public void setKillSwitch(String id, boolean engaged, String reason, String by, Instant at) {
    jdbc.sql(
            "UPDATE account SET kill_switch = ?, kill_switch_reason = ?, kill_switch_by = ?,"
                + " kill_switch_at = ? WHERE id = ?")
        .param(engaged)
        .param(reason)
        .param(by)
        .param(Timestamp.from(at))
        .param(id)
        .update();
  }

  private static Account map(ResultSet rs, int row) throws SQLException {
    Array symbols = rs.getArray("allowed_symbols");
    Timestamp killedAt = rs.getTimestamp("kill_switch_at");
    return new Account(
        rs.getString("id"),
        OwnerType.valueOf(rs.getString("owner_type")),
        rs.getString("owner_id"),
        rs.getString("broker_connection"),
        new RiskLimits(
            symbols == null ? null : Arrays.asList((String[]) symbols.getArray()),
            stripped(rs.getBigDecimal("max_order_notional")),
            stripped(rs.getBigDecimal("max_position_notional")),
            (Integer) rs.getObject("price_band_bps"),
            (Integer) rs.getObject("max_orders_per_second"),
            (Integer) rs.getObject("max_open_orders")),
        rs.getBoolean("kill_switch"),
        rs.getString("kill_switch_reason"),
        rs.getString("kill_switch_by"),
        killedAt == null ? null : killedAt.toInstant());
  }

  private static BigDecimal stripped(BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros();
  }
}
