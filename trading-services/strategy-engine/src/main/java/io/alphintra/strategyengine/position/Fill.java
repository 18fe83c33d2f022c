package io.alphintra.strategyengine.position;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution of the strategy's order, simulated (Paper) or read back from trading-api (Live).
 *
 * @param symbol e.g. BTCUSDT
 * @param signedQuantity base quantity, positive for a buy, negative for a sell
 * @param price average price of the execution
 * @param fee fee in the quote asset
 * @param executedAt when
 */
public record Fill(
    String symbol,
    BigDecimal signedQuantity,
    BigDecimal price,
    BigDecimal fee,
    Instant executedAt) {

  public BigDecimal notional() {
    return signedQuantity.abs().multiply(price);
  }
}
