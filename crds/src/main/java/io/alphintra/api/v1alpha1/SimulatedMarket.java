package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * One symbol on the simulated exchange. Prices and sizes are decimals.
 *
 * @param symbol Upper-case symbol, base asset then quote asset, e.g. BTCUSDT.
 * @param startPrice Fair price the generator starts from, e.g. 65000.
 * @param tickSize Price increment, e.g. 0.01.
 * @param lotSize Quantity increment, e.g. 0.00001.
 * @param volatilityPercent Annualized volatility of the fair price, in percent, e.g. 60.
 */
public record SimulatedMarket(
    @Required @Pattern(Patterns.SYMBOL) String symbol,
    @Required @Pattern(Patterns.DECIMAL) String startPrice,
    @Pattern(Patterns.DECIMAL) String tickSize,
    @Pattern(Patterns.DECIMAL) String lotSize,
    @Pattern(Patterns.PERCENT) String volatilityPercent) {}
