package io.alphintra.brokersimulator.engine;

/**
 * One side of one trade, seen from the account that owns the order: what {@code myTrades} lists.
 *
 * @param commissionUnits commission in asset units, charged in the asset the order received
 * @param buyer whether this order bought
 * @param maker whether this order was resting on the book
 */
public record Execution(
    String symbol,
    int accountId,
    long orderId,
    long tradeId,
    long priceTicks,
    long quantityLots,
    long commissionUnits,
    int commissionAsset,
    boolean buyer,
    boolean maker,
    long timeMillis) {

  /** The execution a {@link ExecutionType#TRADE} update reports. */
  public static Execution of(OrderUpdate trade) {
    if (trade.executionType() != ExecutionType.TRADE) {
      throw new IllegalArgumentException("not a TRADE update: " + trade.executionType());
    }
    OrderSnapshot order = trade.order();
    Fill fill = trade.fill();
    return new Execution(
        order.symbol(),
        order.accountId(),
        order.orderId(),
        fill.tradeId(),
        fill.priceTicks(),
        fill.quantityLots(),
        fill.commissionUnits(),
        fill.commissionAsset(),
        order.side() == Side.BUY,
        fill.maker(),
        trade.transactTimeMillis());
  }
}
