package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.risk.RecentOrders;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The trade_order and order_event tables. */
@Repository
public class Orders implements RecentOrders {

  private static final String COLUMNS =
      "id, account_id, client_order_id, venue_client_order_id, broker_connection, venue_order_id,"
          + " symbol, side, type, time_in_force, quantity, price, status, filled_quantity,"
          + " filled_quote_quantity, reject_reason, reject_message, placed_by, created_at,"
          + " updated_at";

  private static final String OPEN_STATUSES =
      "('PENDING_NEW', 'UNKNOWN', 'NEW', 'PARTIALLY_FILLED')";

  private final JdbcClient jdbc;

  public Orders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a new order and its first history entry ({@code actor}: {@code why}) in one statement;
   * false, and nothing written, when (account, clientOrderId) exists: the unique key decides, so a
   * placement reads an existing order only when there is one.
   */
  boolean insert(TradeOrder order, String actor, String why) {
    return jdbc.sql(
                "WITH placed AS (INSERT INTO trade_order (id, account_id, client_order_id,"
                    + " venue_client_order_id, broker_connection, symbol, side, type, time_in_force,"
                    + " quantity, price, status, placed_by, created_at, updated_at) VALUES (?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, client_order_id)"
                    + " DO NOTHING RETURNING id, status, created_at) INSERT INTO order_event"
                    + " (order_id, at, actor, from_status, to_status, reason) SELECT id, created_at,"
                    + " ?, NULL, status, ? FROM placed")
            .param(order.id())
            .param(order.accountId())
            .param(order.clientOrderId())
            .param(order.venueClientOrderId())
            .param(order.brokerConnection())
            .param(order.symbol())
            .param(order.side().name())
            .param(order.type().name())
            .param(order.timeInForce() == null ? null : order.timeInForce().name())
            .param(order.quantity())
            .param(order.price())
            .param(order.status().name())
            .param(order.placedBy())
            .param(Timestamp.from(order.createdAt()))
            .param(Timestamp.from(order.updatedAt()))
            .param(actor)
            .param(why)
            .update()
        == 1;
  }

  public Optional<TradeOrder> find(String accountId, String clientOrderId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM trade_order WHERE account_id = ? AND client_order_id = ?")
        .param(accountId)
        .param(clientOrderId)
        .query(Orders::map)
        .optional();
  }

  public Optional<TradeOrder> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM trade_order WHERE id = ?")
        .param(id)
        .query(Orders::map)
        .optional();
  }

  /** Reads and row-locks an order by its venue id: one writer of its fills and state at a time. */
  public Optional<TradeOrder> lockByVenueClientOrderId(String venueClientOrderId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM trade_order WHERE venue_client_order_id = ? FOR UPDATE")
        .param(venueClientOrderId)
        .query(Orders::map)
        .optional();
  }

  /** Reads and row-locks an order by the venue's order id on a connection and symbol. */
  public Optional<TradeOrder> lockByVenueOrderId(
      String connection, String symbol, long venueOrderId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM trade_order WHERE broker_connection = ? AND symbol = ? AND venue_order_id"
                + " = ? FOR UPDATE")
        .param(connection)
        .param(symbol)
        .param(venueOrderId)
        .query(Orders::map)
        .optional();
  }

  /**
   * The ids of a connection's orders in {@code symbol} whose venue order id is not known yet and
   * that the venue may have filled: a fill naming only a venue order id could be one of theirs.
   */
  public List<UUID> withoutVenueOrderId(String connection, String symbol) {
    return jdbc.sql(
            "SELECT id FROM trade_order WHERE broker_connection = ? AND symbol = ? AND"
                + " venue_order_id IS NULL AND status NOT IN ('REJECTED', 'NOT_SENT') ORDER BY created_at LIMIT 10")
        .param(connection)
        .param(symbol)
        .query(UUID.class)
        .list();
  }

  /** Adds a recorded fill's quantity to its order (the order row must be locked). */
  public void addRecorded(UUID id, BigDecimal quantity) {
    jdbc.sql("UPDATE trade_order SET recorded_quantity = recorded_quantity + ? WHERE id = ?")
        .param(quantity)
        .param(id)
        .update();
  }

  /**
   * Passes over {@code quantity} of the order's fills recorded before fills came from the feed
   * (derived from its states); false when none (or less) is left, and then none is left after. The
   * order row must be locked.
   */
  public boolean passOverDerived(UUID id, BigDecimal quantity) {
    BigDecimal derived =
        jdbc.sql("SELECT derived_quantity FROM trade_order WHERE id = ?")
            .param(id)
            .query(BigDecimal.class)
            .single();
    if (derived.signum() <= 0) {
      return false;
    }
    BigDecimal left = derived.subtract(quantity).max(BigDecimal.ZERO);
    jdbc.sql("UPDATE trade_order SET derived_quantity = ? WHERE id = ?")
        .param(left)
        .param(id)
        .update();
    return derived.compareTo(quantity) >= 0;
  }

  /**
   * What pre-trade risk weighs an order of the account in {@code symbol} against, in one statement
   * (the account row must be locked, so concurrent placements of the account see each other).
   *
   * @param openOrders the account's open orders (pending, unknown, new, partially filled)
   * @param position the signed position in {@code symbol}: the recorded one plus what the venue
   *     reported filled that has not arrived as fills yet (fills trail the order states)
   */
  public record Exposure(int openOrders, BigDecimal position) {}

  public Exposure exposure(String accountId, String symbol) {
    return jdbc.sql(
            "SELECT (SELECT count(*) FROM trade_order WHERE account_id = ? AND status IN "
                + OPEN_STATUSES
                + "), coalesce((SELECT quantity FROM position WHERE account_id = ? AND symbol = ?),"
                + " 0) + (SELECT coalesce(sum(CASE side WHEN 'BUY' THEN 1 ELSE -1 END *"
                + " (filled_quantity - recorded_quantity)), 0) FROM trade_order WHERE account_id = ?"
                + " AND symbol = ? AND filled_quantity > recorded_quantity)")
        .param(accountId)
        .param(accountId)
        .param(symbol)
        .param(accountId)
        .param(symbol)
        .query((rs, row) -> new Exposure(rs.getInt(1), rs.getBigDecimal(2)))
        .single();
  }

  public Optional<TradeOrder> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM trade_order WHERE id = ? FOR UPDATE")
        .param(id)
        .query(Orders::map)
        .optional();
  }

  @Override
  public int createdAfter(String accountId, Instant since) {
    return jdbc.sql("SELECT count(*) FROM trade_order WHERE account_id = ? AND created_at > ?")
        .param(accountId)
        .param(Timestamp.from(since))
        .query(Integer.class)
        .single();
  }

  /** Every open order, oldest first (the poller's work). */
  public List<TradeOrder> open() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM trade_order WHERE status IN "
                + OPEN_STATUSES
                + " ORDER BY created_at")
        .query(Orders::map)
        .list();
  }

  public List<TradeOrder> openOf(String accountId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM trade_order WHERE account_id = ? AND status IN "
                + OPEN_STATUSES
                + " ORDER BY created_at")
        .param(accountId)
        .query(Orders::map)
        .list();
  }

  /**
   * Acknowledged open orders (NEW, PARTIALLY_FILLED) of accounts whose kill switch is engaged: what
   * the kill switch still has to cancel.
   */
  public List<TradeOrder> acknowledgedOpenOfStoppedAccounts(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM trade_order WHERE status IN ('NEW', 'PARTIALLY_FILLED') AND account_id IN"
                + " (SELECT id FROM account WHERE kill_switch) ORDER BY created_at LIMIT ?")
        .param(limit)
        .query(Orders::map)
        .list();
  }

  /** A page of an account's orders, newest first. */
  List<TradeOrder> list(
      String accountId,
      OrderStatus status,
      String symbol,
      Instant from,
      Instant to,
      int page,
      int size) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM trade_order WHERE account_id = ?");
    List<Object> params = new ArrayList<>(List.of(accountId));
    if (status != null) {
      sql.append(" AND status = ?");
      params.add(status.name());
    }
    if (symbol != null) {
      sql.append(" AND symbol = ?");
      params.add(symbol);
    }
    if (from != null) {
      sql.append(" AND created_at >= ?");
      params.add(Timestamp.from(from));
    }
    if (to != null) {
      sql.append(" AND created_at < ?");
      params.add(Timestamp.from(to));
    }
    sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
    params.add(size);
    params.add((long) page * size);
    return jdbc.sql(sql.toString()).params(params).query(Orders::map).list();
  }

  /**
   * A state change for the order's history.
   *
   * @param actor who caused it
   * @param from the state it left
   * @param reason why
   */
  public record HistoryEntry(String actor, OrderStatus from, String reason) {}

  /**
   * Writes the state the venue reported and what it filled so far, and appends {@code history} when
   * not null, in one statement; the order as written. The order row must be locked (its previous
   * state is what {@code history} says it left).
   */
  public TradeOrder update(
      UUID id,
      OrderStatus status,
      Long venueOrderId,
      BigDecimal filledQuantity,
      BigDecimal filledQuoteQuantity,
      String rejectReason,
      String rejectMessage,
      Instant at,
      HistoryEntry history) {
    String update =
        "UPDATE trade_order SET status = ?, venue_order_id = COALESCE(?, venue_order_id),"
            + " filled_quantity = ?, filled_quote_quantity = ?, reject_reason = COALESCE(?,"
            + " reject_reason), reject_message = COALESCE(?, reject_message), updated_at = ?"
            + " WHERE id = ? RETURNING "
            + COLUMNS;
    List<Object> params =
        new ArrayList<>(
            java.util.Arrays.asList(
                status.name(),
                venueOrderId,
                filledQuantity,
                filledQuoteQuantity,
                rejectReason,
                rejectMessage,
                Timestamp.from(at),
                id));
    String sql = update;
    if (history != null) {
      sql =
          "WITH updated AS ("
              + update
              + "), event AS (INSERT INTO order_event (order_id, at, actor, from_status, to_status,"
              + " reason) SELECT id, updated_at, ?, ?, status, ? FROM updated) SELECT "
              + COLUMNS
              + " FROM updated";
      params.add(history.actor());
      params.add(history.from() == null ? null : history.from().name());
      params.add(history.reason());
    }
    return jdbc.sql(sql).params(params).query(Orders::map).single();
  }

  /**
   * Makes a NOT_SENT order PENDING_NEW again for another attempt (its account row must be locked);
   * false when it is no longer NOT_SENT.
   */
  boolean resend(UUID id, Instant at) {
    return jdbc.sql(
                "UPDATE trade_order SET status = 'PENDING_NEW', reject_reason = NULL, reject_message"
                    + " = NULL, updated_at = ? WHERE id = ? AND status = 'NOT_SENT'")
            .param(Timestamp.from(at))
            .param(id)
            .update()
        == 1;
  }

  /** Appends to the order's history (the table refuses updates and deletes). */
  public void appendEvent(
      UUID orderId, Instant at, String actor, OrderStatus from, OrderStatus to, String reason) {
    jdbc.sql(
            "INSERT INTO order_event (order_id, at, actor, from_status, to_status, reason) VALUES"
                + " (?, ?, ?, ?, ?, ?)")
        .param(orderId)
        .param(Timestamp.from(at))
        .param(actor)
        .param(from == null ? null : from.name())
        .param(to.name())
        .param(reason)
        .update();
  }

  List<OrderEvent> events(UUID orderId) {
    return jdbc.sql(
            "SELECT at, actor, from_status, to_status, reason FROM order_event WHERE order_id = ?"
                + " ORDER BY id")
        .param(orderId)
        .query(
            (rs, row) ->
                new OrderEvent(
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("actor"),
                    rs.getString("from_status") == null
                        ? null
                        : OrderStatus.valueOf(rs.getString("from_status")),
                    OrderStatus.valueOf(rs.getString("to_status")),
                    rs.getString("reason")))
        .list();
  }

  private static TradeOrder map(ResultSet rs, int row) throws SQLException {
    Long venueOrderId = rs.getObject("venue_order_id", Long.class);
    String tif = rs.getString("time_in_force");
    return new TradeOrder(
        rs.getObject("id", UUID.class),
        rs.getString("account_id"),
        rs.getString("client_order_id"),
        rs.getString("venue_client_order_id"),
        rs.getString("broker_connection"),
        venueOrderId,
        rs.getString("symbol"),
        Side.valueOf(rs.getString("side")),
        OrderType.valueOf(rs.getString("type")),
        tif == null ? null : TimeInForce.valueOf(tif),
        rs.getBigDecimal("quantity"),
        rs.getBigDecimal("price"),
        OrderStatus.valueOf(rs.getString("status")),
        rs.getBigDecimal("filled_quantity"),
        rs.getBigDecimal("filled_quote_quantity"),
        rs.getString("reject_reason"),
        rs.getString("reject_message"),
        rs.getString("placed_by"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
