package io.alphintra.brokersimulator.engine;

/**
 * A request to place an order, already validated and converted to ticks and lots.
 *
 * @param clientOrderId unique among the account's open orders; null for internal flow
 * @param priceTicks limit price in ticks; ignored for MARKET
 */
public record NewOrder(
    int accountId,
    String clientOrderId,
    Side side,
    OrderType type,
    TimeInForce timeInForce,
    long priceTicks,
    long quantityLots) {

  public NewOrder {
    if (quantityLots <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    if (type != OrderType.MARKET && priceTicks <= 0) {
      throw new IllegalArgumentException("price must be positive");
    }
  }

  public static NewOrder limit(
      int accountId, Side side, TimeInForce tif, long priceTicks, long lots) {
    return new NewOrder(accountId, null, side, OrderType.LIMIT, tif, priceTicks, lots);
  }

  public static NewOrder market(int accountId, Side side, long lots) {
    return new NewOrder(accountId, null, side, OrderType.MARKET, TimeInForce.IOC, 0, lots);
  }
}
