package io.alphintra.strategyengine.risk;

import io.alphintra.strategyengine.config.StrategyConfig.RiskSettings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The strategy's local risk limits. {@link #checkOrder} runs before every order and {@link
 * #checkEquity} on every price change; an answer is the halt reason, naming the limit and the value
 * that breached it. Daily loss is measured from the equity at 00:00 UTC (or at start), drawdown
 * from the highest equity seen.
 */
public final class RiskGuard {

  private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

  private final RiskSettings limits;
  private final Deque<Instant> recentOrders = new ArrayDeque<>();
  private LocalDate day;
  private BigDecimal dayStartEquity;
  private BigDecimal peakEquity;
  private BigDecimal lastEquity;

  /** {@code limits} null: nothing is checked. */
  public RiskGuard(RiskSettings limits) {
    this.limits = limits == null ? new RiskSettings(null, null, null, null, null) : limits;
  }

  /**
   * Checks an order of {@code signedQuantity} at about {@code price} that would take the position
   * from {@code positionQuantity}.
   */
  public synchronized Optional<String> checkOrder(
      BigDecimal signedQuantity, BigDecimal price, BigDecimal positionQuantity, Instant now) {
    BigDecimal orderNotional = signedQuantity.abs().multiply(price);
    if (limits.maxOrderNotional() != null
        && orderNotional.compareTo(limits.maxOrderNotional()) > 0) {
      return breach(
          "maxOrderNotional", limits.maxOrderNotional(), "order notional " + money(orderNotional));
    }
    BigDecimal positionNotional = positionQuantity.add(signedQuantity).abs().multiply(price);
    if (limits.maxPositionNotional() != null
        && positionNotional.compareTo(limits.maxPositionNotional()) > 0) {
      return breach(
          "maxPositionNotional",
          limits.maxPositionNotional(),
          "position notional " + money(positionNotional) + " after the order");
    }
    while (!recentOrders.isEmpty() && !recentOrders.peekFirst().isAfter(now.minus(RATE_WINDOW))) {
      recentOrders.removeFirst();
    }
    if (limits.maxOrdersPerMinute() != null && recentOrders.size() >= limits.maxOrdersPerMinute()) {
      return Optional.of(
          "maxOrdersPerMinute "
              + limits.maxOrdersPerMinute()
              + " breached: "
              + recentOrders.size()
              + " orders in the last minute and one more asked for");
    }
    return Optional.empty();
  }

  /** Counts a placed order against maxOrdersPerMinute. */
  public synchronized void orderPlaced(Instant now) {
    recentOrders.addLast(now);
  }

  /**
   * Checks daily loss and drawdown at {@code equity} (capital plus realized and unrealized PnL).
   */
  public synchronized Optional<String> checkEquity(BigDecimal equity, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!today.equals(day)) {
      // The last equity of the previous day is the nearest observation of the equity at 00:00.
      dayStartEquity = day == null || lastEquity == null ? equity : lastEquity;
      day = today;
    }
    lastEquity = equity;
    peakEquity = peakEquity == null ? equity : peakEquity.max(equity);
    BigDecimal dailyLoss = dayStartEquity.subtract(equity);
    if (limits.maxDailyLoss() != null && dailyLoss.compareTo(limits.maxDailyLoss()) >= 0) {
      return breach("maxDailyLoss", limits.maxDailyLoss(), "daily loss " + money(dailyLoss));
    }
    if (limits.maxDrawdownPercent() != null && peakEquity.signum() > 0) {
      BigDecimal drawdown =
          peakEquity
              .subtract(equity)
              .multiply(BigDecimal.valueOf(100))
              .divide(peakEquity, MathContext.DECIMAL64);
      if (drawdown.compareTo(limits.maxDrawdownPercent()) >= 0) {
        return breach(
            "maxDrawdownPercent",
            limits.maxDrawdownPercent(),
            "drawdown "
                + drawdown.setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                + "% from peak equity "
                + money(peakEquity));
      }
    }
    return Optional.empty();
  }

  /**
   * Measures daily loss and drawdown from the next equity on: a resume after a halt accepts the
   * loss so far, or the strategy would halt again at once.
   */
  public synchronized void rebase() {
    peakEquity = null;
    day = null;
    lastEquity = null;
  }

  private static Optional<String> breach(String limit, BigDecimal value, String observed) {
    return Optional.of(limit + " " + value.toPlainString() + " breached: " + observed);
  }

  static String money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
