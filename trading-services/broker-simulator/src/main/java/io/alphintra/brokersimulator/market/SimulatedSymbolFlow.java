package io.alphintra.brokersimulator.market;

import io.alphintra.brokersimulator.engine.ExecutionReport;
import io.alphintra.brokersimulator.engine.NewOrder;
import io.alphintra.brokersimulator.engine.OrderType;
import io.alphintra.brokersimulator.engine.Side;
import io.alphintra.brokersimulator.engine.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated participants of one symbol: a liquidity provider that re-quotes a ladder around the
 * fair price every step, and a taker that sometimes crosses the spread with a market order. Driven
 * by one seeded random source, so a seed reproduces the same order flow.
 */
final class SimulatedSymbolFlow {

  private final Exchange exchange;
  private final SymbolSpec spec;
  private final SimulatorProperties.FlowProperties flow;
  private final int liquidityProvider;
  private final int taker;
  private final SplittableRandom random;
  private final FairPrice fairPrice;
  private final List<Long> quotes = new ArrayList<>();

  SimulatedSymbolFlow(
      Exchange exchange,
      SymbolSpec spec,
      SimulatorProperties.FlowProperties flow,
      int liquidityProvider,
      int taker,
      long seed) {
    this.exchange = exchange;
    this.spec = spec;
    this.flow = flow;
    this.liquidityProvider = liquidityProvider;
    this.taker = taker;
    this.random = new SplittableRandom(seed);
    this.fairPrice =
        new FairPrice(
            spec.properties().startPrice().doubleValue(),
            spec.properties().volatility(),
            flow.stepMillis(),
            random.split());
  }

  double fairPrice() {
    return fairPrice.current();
  }

  void step() {
    long fairTicks = Math.max(1, spec.ticksBelow(fairPrice.step()));
    requote(fairTicks);
    if (random.nextDouble() < flow.takerProbability()) {
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      double notional = flow.maxTakerNotional().doubleValue() * random.nextDouble();
      exchange.place(spec.symbol(), NewOrder.market(taker, side, lotsWorth(notional, fairTicks)));
    }
  }

  /**
   * Lots worth a quote-asset value at a price; a model quantity (sizes of simulated orders), so a
   * double is fine here. At least one lot.
   */
  private long lotsWorth(double notional, long priceTicks) {
    double lotValue = spec.price(priceTicks).multiply(spec.lotSize()).doubleValue();
    return Math.max(1, Math.round(notional / lotValue));
  }

  private void requote(long fairTicks) {
    for (long orderId : quotes) {
      // Quotes already filled by takers or clients are simply unknown by now.
      exchange.cancel(spec.symbol(), liquidityProvider, orderId);
    }
    quotes.clear();
    for (int level = 0; level < flow.quoteLevels(); level++) {
      long offset = flow.quoteSpreadTicks() + level * flow.levelSpacingTicks();
      quote(Side.BUY, fairTicks - offset);
      quote(Side.SELL, fairTicks + offset);
    }
  }

  private void quote(Side side, long priceTicks) {
    if (priceTicks <= 0) {
      return;
    }
    double notional = flow.levelNotional().doubleValue() * (0.5 + random.nextDouble());
    long lots = lotsWorth(notional, priceTicks);
    // Post-only: the provider never takes, e.g. when a client's order sits inside its spread.
    ExecutionReport report =
        exchange.place(
            spec.symbol(),
            new NewOrder(
                liquidityProvider,
                null,
                side,
                OrderType.LIMIT_MAKER,
                TimeInForce.GTC,
                priceTicks,
                lots));
    if (!report.isRejected()) {
      quotes.add(report.order().orderId());
    }
  }
}
