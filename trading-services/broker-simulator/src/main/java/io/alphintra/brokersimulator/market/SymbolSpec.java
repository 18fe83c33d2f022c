package io.alphintra.brokersimulator.market;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.engine.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A listed symbol: its Binance filters in decimals and the exact conversion between those decimals
 * and the engine's integer ticks and lots.
 */
public final class SymbolSpec {

  private static final BigDecimal PPM = BigDecimal.valueOf(1_000_000);
  private static final long UNITS_PER_ASSET = 100_000_000L;

  private final SymbolProperties properties;
  private final Instrument instrument;
  private final long tickUnits;
  private final long lotUnits;

  private SymbolSpec(
      SymbolProperties properties, Instrument instrument, long tickUnits, long lotUnits) {
    this.properties = properties;
    this.instrument = instrument;
    this.tickUnits = tickUnits;
    this.lotUnits = lotUnits;
  }

  public static SymbolSpec of(SymbolProperties properties, Assets assets) {
    String symbol = properties.symbol();
    long tickUnits = positiveUnits(symbol, "tick-size", properties.tickSize());
    long lotUnits = positiveUnits(symbol, "lot-size", properties.lotSize());
    long tickLotUnits = Math.multiplyExact(tickUnits, lotUnits);
    if (tickLotUnits % UNITS_PER_ASSET != 0) {
      throw new IllegalArgumentException(
          symbol
              + ": tick-size * lot-size must be a multiple of 0.00000001"
              + " so every fill settles exactly; use a coarser tick or lot size");
    }
    Instrument instrument =
        new Instrument(
            symbol,
            assets.indexOf(properties.baseAsset()),
            assets.indexOf(properties.quoteAsset()),
            lotUnits,
            tickLotUnits / UNITS_PER_ASSET,
            ppm(symbol, properties.makerFee()),
            ppm(symbol, properties.takerFee()));
    return new SymbolSpec(properties, instrument, tickUnits, lotUnits);
  }

  public String symbol() {
    return properties.symbol();
  }

  public String baseAsset() {
    return properties.baseAsset();
  }

  public String quoteAsset() {
    return properties.quoteAsset();
  }

  public Instrument instrument() {
    return instrument;
  }

  public SymbolProperties properties() {
    return properties;
  }

  public BigDecimal tickSize() {
    return properties.tickSize();
  }

  public BigDecimal lotSize() {
    return properties.lotSize();
  }

  public BigDecimal price(long ticks) {
    return Assets.fromUnits(Math.multiplyExact(ticks, tickUnits));
  }

  public BigDecimal quantity(long lots) {
    return Assets.fromUnits(Math.multiplyExact(lots, lotUnits));
  }

  /**
   * A volume-weighted price: quote turnover (asset units) over base volume (lots), at 8 decimals;
   * what weighted-average and average prices show. {@code lots} must be positive.
   */
  public BigDecimal weightedPrice(long quoteUnits, long lots) {
    return Assets.fromUnits(quoteUnits).divide(quantity(lots), Assets.SCALE, RoundingMode.HALF_UP);
  }

  /** Ticks for a price on the tick grid, or -1 when the price is off the grid. */
  public long ticksOf(BigDecimal price) {
    BigDecimal[] division = price.divideAndRemainder(properties.tickSize());
    return division[1].signum() == 0 ? division[0].longValueExact() : -1;
  }

  /** Lots for a quantity on the step grid, or -1 when it is off the grid. */
  public long lotsOf(BigDecimal quantity) {
    BigDecimal[] division = quantity.divideAndRemainder(properties.lotSize());
    return division[1].signum() == 0 ? division[0].longValueExact() : -1;
  }

  /** Nearest tick at or below a real-valued price; used only by the simulated participants. */
  public long ticksBelow(double price) {
    return (long) Math.floor(price / properties.tickSize().doubleValue());
  }

  private static long positiveUnits(String symbol, String name, BigDecimal value) {
    if (value == null || value.signum() <= 0 || value.stripTrailingZeros().scale() > Assets.SCALE) {
      throw new IllegalArgumentException(
          symbol + ": " + name + " must be positive with at most 8 decimals");
    }
    return Assets.toUnits(value);
  }

  private static long ppm(String symbol, BigDecimal rate) {
    try {
      return rate.multiply(PPM).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          symbol + ": fee rates must have at most 6 decimals, got " + rate, e);
    }
  }
}
