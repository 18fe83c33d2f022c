package io.alphintra.tradingapi.position;

/**
 * An asset's net flow from the account's fills.
 *
 * @param asset e.g. USDT
 * @param amount bought minus sold (base) or received minus paid (quote)
 */
public record BalanceView(String asset, String amount) {}
