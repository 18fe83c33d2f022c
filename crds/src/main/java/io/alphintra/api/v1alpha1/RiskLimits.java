package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Limits checked before every order; breaching one halts the strategy until the reset-halt
 * annotation is set. Amounts are quote-currency decimals such as 50000 or 1250.5.
 *
 * @param maxPositionNotional Largest absolute position value per symbol.
 * @param maxOrderNotional Largest value of a single order.
 * @param maxDailyLoss Realized plus unrealized loss since 00:00 UTC at which the strategy halts.
 * @param maxDrawdownPercent Drop from the equity peak, in percent, at which the strategy halts.
 * @param maxOrdersPerMinute Most orders the strategy may send in any minute.
 */
public record RiskLimits(
    @Required @Pattern(Patterns.DECIMAL) String maxPositionNotional,
    @Required @Pattern(Patterns.DECIMAL) String maxOrderNotional,
    @Required @Pattern(Patterns.DECIMAL) String maxDailyLoss,
    @Pattern(Patterns.PERCENT) String maxDrawdownPercent,
    @Default("60") @Min(1) @Max(6000) Integer maxOrdersPerMinute) {}
