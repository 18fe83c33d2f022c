package io.alphintra.brokersimulator.market;

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
 */
@ConfigurationProperties("alphintra.simulator")
public record SimulatorProperties(
    @DefaultValue("42") long seed,
    List<SymbolProperties> symbols,
    @DefaultValue FlowProperties flow,
    @DefaultValue("100000") int closedOrderCapacity) {

  public SimulatorProperties {
    symbols = symbols == null ? List.of() : List.copyOf(symbols);
  }

  /**
   * Simulated participants.
   *
   * @param enabled run the simulation at all
   * @param stepMillis interval between market steps
   * @param quoteLevels price levels each liquidity provider quotes per side
   * @param quoteSpreadTicks half-spread of the innermost quote around the fair price, in ticks
   * @param levelSpacingTicks distance between quoted levels, in ticks
   * @param maxQuoteLots largest quote size per level, in lots
   * @param takerProbability chance per step that a taker crosses the spread
   * @param maxTakerLots largest taker order, in lots
   */
  public record FlowProperties(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("200") long stepMillis,
      @DefaultValue("10") int quoteLevels,
      @DefaultValue("2") long quoteSpreadTicks,
      @DefaultValue("5") long levelSpacingTicks,
      @DefaultValue("50") long maxQuoteLots,
      @DefaultValue("0.5") double takerProbability,
      @DefaultValue("20") long maxTakerLots) {}
}
