package io.alphintra.brokersimulator.engine;

/**
 * A request to place an order, already validated and converted to ticks and lots.
 *
 * @param clientOrderId unique among the account's open orders; null for internal flow
 * @param priceTicks limit price in ticks; ignored for MARKET
 * @param quantityLots base quantity; 0 for a MARKET order sized by {@code quoteOrderQtyUnits}
 * @param quoteOrderQtyUnits for MARKET only: the quote amount to spend (BUY) or receive (SELL), in
 *     asset units; the engine sizes the order from the book when it arrives. 0 when unused.
 */
public record NewOrder(
    int accountId,
    String clientOrderId,
    Side side,
    OrderType type,
    TimeInForce timeInForce,
    long priceTicks,
    long quantityLots,
    long quoteOrderQtyUnits) {

  public NewOrder {
    if (quoteOrderQtyUnits < 0 || (quoteOrderQtyUnits > 0 && type != OrderType.MARKET)) {
      throw new IllegalArgumentException("a quote order quantity is for MARKET orders only");
    }
    if (quantityLots <= 0 && quoteOrderQtyUnits == 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    if (type != OrderType.MARKET && priceTicks <= 0) {
      throw new IllegalArgumentException("price must be positive");
    }
  }

  public NewOrder(
      int accountId,
      String clientOrderId,
      Side side,
      OrderType type,
      TimeInForce timeInForce,
      long priceTicks,
      long quantityLots) {
    this(accountId, clientOrderId, side, type, timeInForce, priceTicks, quantityLots, 0);
  }

  /** A MARKET order that spends (BUY) or receives (SELL) a quote amount. */
  public static NewOrder marketByQuote(
      int accountId, String clientOrderId, Side side, long quoteOrderQtyUnits) {
    return new NewOrder(
        accountId,
        clientOrderId,
        side,
        OrderType.MARKET,
        TimeInForce.IOC,
        0,
        0,
        quoteOrderQtyUnits);
  }

  /** This order with its quantity decided (a quote-sized MARKET order once the book sized it). */
  NewOrder withQuantity(long lots) {
    return new NewOrder(
        accountId, clientOrderId, side, type, timeInForce, priceTicks, lots, quoteOrderQtyUnits);
  }

  public static NewOrder limit(
      int accountId, Side side, TimeInForce tif, long priceTicks, long lots) {
    return new NewOrder(accountId, null, side, OrderType.LIMIT, tif, priceTicks, lots);
  }

  public static NewOrder market(int accountId, Side side, long lots) {
    return new NewOrder(accountId, null, side, OrderType.MARKET, TimeInForce.IOC, 0, lots);
  }
}
