package io.alphintra.tradingapi.risk;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.account.RiskLimits;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The pre-trade checks, in order: kill switch, symbol allow-list, price band around the last trade
 * price, max order notional, max position notional, max open orders. The order rate is checked
 * last, by {@link OrderRateLimiter}, so refused orders do not use up the rate.
 */
public final class PreTradeRisk {

  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

  private PreTradeRisk() {}

  /**
   * @param lastPrice the symbol's last trade price, empty when the connector cannot tell
   * @param openOrders the account's open orders now
   * @param positionQuantity the account's signed position in the symbol now
   */
  public static Optional<RiskRejection> check(
      Account account,
      OrderIntent order,
      Optional<BigDecimal> lastPrice,
      int openOrders,
      BigDecimal positionQuantity) {
    RiskLimits limits = account.limits();
    if (account.killSwitch()) {
      return reject(
          RiskReason.KILL_SWITCH,
          "engaged",
          "on",
          "account "
              + account.id()
              + " is stopped by its kill switch ("
              + (account.killSwitchReason() == null
                  ? "no reason given"
                  : account.killSwitchReason())
              + "); an ADMIN must release it");
    }
    if (limits.allowedSymbols() != null && !limits.allowedSymbols().contains(order.symbol())) {
      return reject(
          RiskReason.SYMBOL_NOT_ALLOWED,
          String.join(",", limits.allowedSymbols()),
          order.symbol(),
          "symbol "
              + order.symbol()
              + " is not in account "
              + account.id()
              + "'s allowed symbols "
              + limits.allowedSymbols());
    }
    boolean needsReference =
        limits.priceBandBps() != null
            || (order.price() == null
                && (limits.maxOrderNotional() != null || limits.maxPositionNotional() != null));
    if (needsReference && lastPrice.isEmpty()) {
      return reject(
          RiskReason.LAST_PRICE_UNAVAILABLE,
          "last price",
          "none",
          "no last trade price for "
              + order.symbol()
              + " is available from the broker-connector, which the price band and notional"
              + " limits need; retry when market data flows");
    }
    if (limits.priceBandBps() != null && order.price() != null) {
      BigDecimal last = lastPrice.orElseThrow();
      BigDecimal deviationBps =
          order.price().subtract(last).abs().multiply(BPS).divide(last, 2, RoundingMode.HALF_UP);
      if (deviationBps.compareTo(BigDecimal.valueOf(limits.priceBandBps())) > 0) {
        return reject(
            RiskReason.PRICE_BAND,
            limits.priceBandBps() + " bps",
            deviationBps.toPlainString() + " bps",
            "price "
                + order.price().toPlainString()
                + " is "
                + deviationBps.toPlainString()
                + " bps from the last trade price "
                + last.toPlainString()
                + "; the price band allows "
                + limits.priceBandBps()
                + " bps");
      }
    }
    BigDecimal reference = order.price() != null ? order.price() : lastPrice.orElse(null);
    if (limits.maxOrderNotional() != null) {
      BigDecimal notional = order.quantity().multiply(reference, MathContext.DECIMAL128);
      if (notional.compareTo(limits.maxOrderNotional()) > 0) {
        return reject(
            RiskReason.MAX_ORDER_NOTIONAL,
            limits.maxOrderNotional().toPlainString(),
            notional.stripTrailingZeros().toPlainString(),
            "order notional "
                + notional.stripTrailingZeros().toPlainString()
                + " exceeds the max order notional "
                + limits.maxOrderNotional().toPlainString());
      }
    }
    if (limits.maxPositionNotional() != null) {
      BigDecimal after =
          positionQuantity.add(
              order.side().sign() > 0 ? order.quantity() : order.quantity().negate());
      BigDecimal notional = after.abs().multiply(reference, MathContext.DECIMAL128);
      if (notional.compareTo(limits.maxPositionNotional()) > 0) {
        return reject(
            RiskReason.MAX_POSITION_NOTIONAL,
            limits.maxPositionNotional().toPlainString(),
            notional.stripTrailingZeros().toPlainString(),
            "the position in "
                + order.symbol()
                + " would be "
                + after.stripTrailingZeros().toPlainString()
                + " (notional "
                + notional.stripTrailingZeros().toPlainString()
                + "), over the max position notional "
                + limits.maxPositionNotional().toPlainString());
      }
    }
    if (limits.maxOpenOrders() != null && openOrders >= limits.maxOpenOrders()) {
      return reject(
          RiskReason.MAX_OPEN_ORDERS,
          String.valueOf(limits.maxOpenOrders()),
          String.valueOf(openOrders + 1),
          "account "
              + account.id()
              + " has "
              + openOrders
              + " open orders; max open orders is "
              + limits.maxOpenOrders()
              + ": cancel one first");
    }
    return Optional.empty();
  }

  private static Optional<RiskRejection> reject(
      RiskReason reason, String limit, String value, String message) {
    return Optional.of(new RiskRejection(reason, limit, value, message));
  }
}
