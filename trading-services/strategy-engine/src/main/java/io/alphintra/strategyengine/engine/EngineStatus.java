package io.alphintra.strategyengine.engine;

import io.alphintra.strategyengine.config.StrategyConfig;
import io.alphintra.strategyengine.position.Portfolio;
import io.alphintra.strategyengine.position.Position;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /status}: money as decimal strings.
 *
 * @param phase where the engine is
 * @param revision strategy.json's revision, null when it could not be read
 * @param mode Paper or Live
 * @param realizedPnl realized PnL over all symbols, fees deducted
 * @param unrealizedPnl unrealized PnL at the last trade prices
 * @param positions one per symbol traded
 * @param ordersToday orders sent since 00:00 UTC
 * @param openOrders orders not yet finished
 * @param lastSignalTime when a signal last asked for a position, null before the first
 * @param haltReason the breached limit and its values while HALTED
 * @param failureReason what to fix while FAILED
 * @param startingReason while STARTING, why the last attempt to get ready to trade did not succeed
 *     (it is retried); null before the first attempt ends and in every other phase
 */
public record EngineStatus(
    Phase phase,
    String revision,
    String mode,
    String realizedPnl,
    String unrealizedPnl,
    List<PositionStatus> positions,
    long ordersToday,
    int openOrders,
    String lastSignalTime,
    String haltReason,
    String failureReason,
    String startingReason) {

  static EngineStatus of(
      Phase phase,
      StrategyConfig config,
      Portfolio portfolio,
      long ordersToday,
      int openOrders,
      Instant lastSignalTime,
      String haltReason,
      String failureReason,
      String startingReason) {
    List<PositionStatus> positions =
        portfolio.positions().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(
                entry -> {
                  Position position = entry.getValue();
                  return new PositionStatus(
                      entry.getKey(),
                      decimal(position.quantity()),
                      decimal(position.averagePrice()),
                      money(portfolio.unrealizedPnl(entry.getKey())));
                })
            .toList();
    return new EngineStatus(
        phase,
        config == null ? null : config.revision(),
        config == null ? null : config.mode().name(),
        money(portfolio.realizedPnl()),
        money(portfolio.unrealizedPnl()),
        positions,
        ordersToday,
        openOrders,
        lastSignalTime == null ? null : lastSignalTime.toString(),
        haltReason,
        failureReason,
        phase == Phase.STARTING ? startingReason : null);
  }

  /** Quote amounts to 8 decimals, without trailing zeros. */
  static String money(BigDecimal amount) {
    return decimal(amount.setScale(8, RoundingMode.HALF_EVEN));
  }

  private static String decimal(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /** One symbol's position. */
  public record PositionStatus(
      String symbol, String quantity, String averagePrice, String unrealizedPnl) {}
}
