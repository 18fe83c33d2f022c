package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Parameters of the SmaCrossover strategy.
 *
 * @param fastPeriod Candles (of spec.candleInterval) in the fast moving average of closing prices;
 *     must be less than slowPeriod.
 * @param slowPeriod Candles (of spec.candleInterval) in the slow moving average of closing prices.
 * @param orderQuantity Base-asset quantity of each order, a decimal such as 0.01.
 */
@ValidationRule(
    value = "self.fastPeriod < self.slowPeriod",
    message =
        "smaCrossover.fastPeriod must be less than smaCrossover.slowPeriod: swap or change them")
public record SmaCrossoverParameters(
    @Required @Min(2) @Max(500) Integer fastPeriod,
    @Required @Min(3) @Max(2000) Integer slowPeriod,
    @Required @Pattern(Patterns.DECIMAL) String orderQuantity) {}
