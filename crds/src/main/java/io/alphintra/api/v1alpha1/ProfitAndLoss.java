package io.alphintra.api.v1alpha1;

/**
 * Profit and loss in the quote currency, as decimals.
 *
 * @param realized From closed positions.
 * @param unrealized Of open positions at the last price.
 * @param total realized + unrealized.
 */
public record ProfitAndLoss(String realized, String unrealized, String total) {}
