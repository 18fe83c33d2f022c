package io.alphintra.brokersimulator.market;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One listed symbol ({@code alphintra.simulator.symbols[n].*}).
 *
 * @param symbol Binance-style name, e.g. BTCUSDT
 * @param tickSize PRICE_FILTER tickSize; tickSize * lotSize must be a multiple of 1e-8
 * @param lotSize LOT_SIZE stepSize (and minQty)
 * @param maxQuantity LOT_SIZE maxQty
 * @param maxPrice PRICE_FILTER maxPrice
 * @param minNotional NOTIONAL minNotional
 * @param maxNotional NOTIONAL maxNotional
 * @param maxMarketQuantity MARKET_LOT_SIZE maxQty: the largest MARKET order quantity
 * @param maxNumOrders MAX_NUM_ORDERS: open orders an account may have on the symbol
 * @param percentPriceUp PERCENT_PRICE_BY_SIDE bid/askMultiplierUp: a limit price may be at most
 *     this multiple of the 5-minute average price
 * @param percentPriceDown PERCENT_PRICE_BY_SIDE bid/askMultiplierDown: and at least this multiple
 * @param startPrice fair price the simulation starts from
 * @param volatility annualized volatility of the fair price (0.8 = 80%)
 * @param makerFee maker commission rate, e.g. 0.001
 * @param takerFee taker commission rate
 * @param simulatedFlow whether liquidity providers and takers trade this symbol on their own
 */
public record SymbolProperties(
    String symbol,
    String baseAsset,
    String quoteAsset,
    BigDecimal tickSize,
    BigDecimal lotSize,
    @DefaultValue("9000") BigDecimal maxQuantity,
    @DefaultValue("1000000") BigDecimal maxPrice,
    @DefaultValue("5") BigDecimal minNotional,
    @DefaultValue("9000000") BigDecimal maxNotional,
    @DefaultValue("100") BigDecimal maxMarketQuantity,
    @DefaultValue("200") int maxNumOrders,
    @DefaultValue("5") BigDecimal percentPriceUp,
    @DefaultValue("0.2") BigDecimal percentPriceDown,
    BigDecimal startPrice,
    @DefaultValue("0.8") double volatility,
    @DefaultValue("0.001") BigDecimal makerFee,
    @DefaultValue("0.001") BigDecimal takerFee,
    @DefaultValue("true") boolean simulatedFlow) {}
