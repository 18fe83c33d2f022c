package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import io.alphintra.brokersimulator.marketdata.AveragePrice;
import io.alphintra.brokersimulator.marketdata.MarketData;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Gathers what a new order's filters compare against: quote, average price, open orders. */
@Component
class OrderMarket {

  private final Exchange exchange;
  private final MarketData marketData;
  private final Clock clock;

  OrderMarket(Exchange exchange, MarketData marketData, Clock clock) {
    this.exchange = exchange;
    this.marketData = marketData;
    this.clock = clock;
  }

  /** The market for an order; {@code leaving} open orders are about to be canceled. */
  OrderRequest.Market of(SymbolSpec spec, int accountId, int leaving) {
    AveragePrice average =
        marketData.averagePrice(spec.symbol(), AveragePrice.BINANCE_MINUTES, clock.millis());
    return new OrderRequest.Market(
        exchange.quote(spec.symbol()),
        average.exists() ? spec.weightedPrice(average.quoteUnits(), average.lots()) : null,
        exchange.openOrders(spec.symbol(), accountId).size() - leaving);
  }
}
