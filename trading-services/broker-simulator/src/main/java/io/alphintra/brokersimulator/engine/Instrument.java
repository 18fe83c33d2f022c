package io.alphintra.brokersimulator.engine;

/**
 * A tradable symbol in engine units.
 *
 * <p>Balances are kept in integer asset units (1e-8 of an asset, Binance's precision). A lot is
 * {@code baseUnitsPerLot} base units and one tick times one lot is {@code quoteUnitsPerTickLot}
 * quote units, so every fill settles in exact integers.
 *
 * @param makerFeePpm maker commission in parts per million of the received amount
 * @param takerFeePpm taker commission in parts per million of the received amount
 */
public record Instrument(
    String symbol,
    int baseAsset,
    int quoteAsset,
    long baseUnitsPerLot,
    long quoteUnitsPerTickLot,
    long makerFeePpm,
    long takerFeePpm) {

  public Instrument {
    if (baseUnitsPerLot <= 0 || quoteUnitsPerTickLot <= 0) {
      throw new IllegalArgumentException(
          symbol + ": lot and tick*lot must be at least one asset unit");
    }
    if (makerFeePpm < 0 || takerFeePpm < 0 || makerFeePpm > 1_000_000 || takerFeePpm > 1_000_000) {
      throw new IllegalArgumentException(symbol + ": fees must be within 0..1000000 ppm");
    }
  }

  public long baseUnits(long lots) {
    return Math.multiplyExact(lots, baseUnitsPerLot);
  }

  public long quoteUnits(long priceTicks, long lots) {
    return Math.multiplyExact(Math.multiplyExact(priceTicks, lots), quoteUnitsPerTickLot);
  }
}
