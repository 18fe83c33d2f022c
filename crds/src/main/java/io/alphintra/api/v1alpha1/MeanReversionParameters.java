package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Parameters of the MeanReversion strategy.
 *
 * @param lookbackPeriod Candles (of spec.candleInterval) in the rolling mean and standard deviation
 *     of closing prices.
 * @param entryZScore Absolute z-score beyond which a position is opened, a decimal such as 2.
 * @param exitZScore Absolute z-score within which the position is closed; must be less than
 *     entryZScore.
 * @param orderQuantity Base-asset quantity of each order, a decimal such as 0.01.
 */
@ValidationRule(
    value = "double(self.exitZScore) < double(self.entryZScore)",
    message =
        "meanReversion.exitZScore must be less than meanReversion.entryZScore: lower the exit or raise the entry")
public record MeanReversionParameters(
    @Required @Min(5) @Max(5000) Integer lookbackPeriod,
    @Required @Pattern(Patterns.DECIMAL) String entryZScore,
    @Required @Pattern(Patterns.DECIMAL) String exitZScore,
    @Required @Pattern(Patterns.DECIMAL) String orderQuantity) {}
