package io.alphintra.strategyengine.execution;

import java.math.BigDecimal;

/**
 * A market order the engine decided on and risk let through.
 *
 * @param clientOrderId unique per strategy, kept across retries
 * @param symbol e.g. BTCUSDT
 * @param signedQuantity positive buys, negative sells
 */
public record OrderIntent(String clientOrderId, String symbol, BigDecimal signedQuantity) {

  public boolean buy() {
    return signedQuantity.signum() > 0;
  }
}
