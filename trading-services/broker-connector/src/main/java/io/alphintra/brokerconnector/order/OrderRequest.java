package io.alphintra.brokerconnector.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A new order as the platform sends it. {@code clientOrderId} is the idempotency key and is sent to
 * the venue as {@code newClientOrderId}.
 *
 * @param clientOrderId 1-36 characters of [A-Za-z0-9._:/-] (Binance's rule)
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param type LIMIT, MARKET or LIMIT_MAKER
 * @param timeInForce GTC, IOC or FOK for LIMIT; must be empty for MARKET and LIMIT_MAKER
 * @param quantity base-asset quantity
 * @param price limit price; must be empty for MARKET
 * @param firstAttempt true when the caller vouches that no request with this clientOrderId was ever
 *     sent before (it created the id for this request): the venue cannot hold it, so it is sent
 *     without the lookup that otherwise comes first; absent or false: looked up first
 */
public record OrderRequest(
    String clientOrderId,
    String symbol,
    Side side,
    OrderType type,
    TimeInForce timeInForce,
    BigDecimal quantity,
    BigDecimal price,
    Boolean firstAttempt) {

  private static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[A-Za-z0-9._:/-]{1,36}$");

  public OrderRequest {
    symbol = symbol == null ? null : symbol.trim().toUpperCase(Locale.ROOT);
    if (type == OrderType.LIMIT && timeInForce == null) {
      timeInForce = TimeInForce.GTC;
    }
  }

  /** Whether the caller vouches that this id was never sent before (see {@code firstAttempt}). */
  public boolean neverSentBefore() {
    return Boolean.TRUE.equals(firstAttempt);
  }

  /**
   * What is wrong with this request, each problem naming the field and the fix; empty when valid.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (clientOrderId == null || !CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
      problems.add("clientOrderId must be 1-36 characters of letters, digits and ._:/-");
    }
    if (symbol == null || symbol.isBlank()) {
      problems.add("symbol is required, e.g. BTCUSDT");
    }
    if (side == null) {
      problems.add("side is required: BUY or SELL");
    }
    if (type == null) {
      problems.add("type is required: LIMIT, MARKET or LIMIT_MAKER");
    }
    if (quantity == null || quantity.signum() <= 0) {
      problems.add("quantity must be a positive decimal");
    }
    if (type != null && type.hasPrice() && (price == null || price.signum() <= 0)) {
      problems.add("price must be a positive decimal for " + type + " orders");
    }
    if (type == OrderType.MARKET && price != null) {
      problems.add("price must be empty for MARKET orders");
    }
    if (type != null && type != OrderType.LIMIT && timeInForce != null) {
      problems.add("timeInForce applies to LIMIT orders only; leave it empty for " + type);
    }
    return problems;
  }

  /**
   * Whether an existing order is this same order, so a repeated request is a retry, not a conflict.
   */
  public boolean describes(BrokerOrder order) {
    return Objects.equals(symbol, order.symbol())
        && side == order.side()
        && type == order.type()
        && (type != OrderType.LIMIT || timeInForce == order.timeInForce())
        && quantity.compareTo(order.quantity()) == 0
        && (price == null || order.price() == null || price.compareTo(order.price()) == 0);
  }
}
