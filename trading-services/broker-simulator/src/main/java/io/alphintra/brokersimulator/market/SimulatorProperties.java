package io.alphintra.brokersimulator.market;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The venue: listed symbols, the seed of every random process, and the simulated order flow.
 *
 * @param seed seeds the fair-price paths and the simulated participants; same seed, same market
 * @param symbols the listed symbols
 * @param flow the simulated liquidity providers and takers
 * @param closedOrderCapacity closed orders kept per symbol for GET /api/v3/order
 * @param restingOrderCapacity orders each symbol's engine allocates up front: up to this many
 *     resting orders cost no allocation (more still rest, allocated as they come)
 */
@ConfigurationProperties("alphintra.simulator")
public record SimulatorProperties(
    @DefaultValue("42") long seed,
    List<SymbolProperties> symbols,
    @DefaultValue FlowProperties flow,
    @DefaultValue("100000") int closedOrderCapacity,
    @DefaultValue("4096") int restingOrderCapacity) {

  public SimulatorProperties {
    symbols = symbols == null ? List.of() : List.copyOf(symbols);
    if (closedOrderCapacity < 0 || restingOrderCapacity < 0) {
      throw new IllegalArgumentException(
          "alphintra.simulator: closed-order-capacity and resting-order-capacity must not be"
              + " negative");
    }
  }

  /**
   * Simulated participants.
   *
   * @param enabled run the simulation at all
   * @param stepMillis interval between market steps
   * @param quoteLevels price levels the liquidity provider quotes per side
   * @param quoteSpreadTicks distance of the innermost quotes from the fair price, in ticks (1 gives
   *     a two-tick spread)
   * @param levelSpacingTicks distance between quoted levels, in ticks
   * @param levelNotional average quote-asset value quoted per level; each level gets 50%–150% of it
   *     (20000 at 60000 USDT is about a third of a BTC per tick)
   * @param takerProbability chance per step that a taker crosses the spread
   * @param maxTakerNotional largest taker order, in quote-asset value
   */
  public record FlowProperties(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("200") long stepMillis,
      @DefaultValue("20") int quoteLevels,
      @DefaultValue("1") long quoteSpreadTicks,
      @DefaultValue("1") long levelSpacingTicks,
      @DefaultValue("20000") BigDecimal levelNotional,
      @DefaultValue("0.5") double takerProbability,
      @DefaultValue("5000") BigDecimal maxTakerNotional) {

    public FlowProperties {
      if (quoteLevels < 1 || quoteSpreadTicks < 1 || levelSpacingTicks < 1) {
        throw new IllegalArgumentException(
            "alphintra.simulator.flow: quote-levels, quote-spread-ticks and level-spacing-ticks"
                + " must be at least 1");
      }
      if (levelNotional.signum() <= 0 || maxTakerNotional.signum() <= 0) {
        throw new IllegalArgumentException(
            "alphintra.simulator.flow: level-notional and max-taker-notional must be positive");
      }
    }
  }
}
