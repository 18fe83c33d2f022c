package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import io.alphintra.brokersimulator.marketdata.AggregateTrade;
import io.alphintra.brokersimulator.marketdata.MarketData;
import io.alphintra.brokersimulator.marketdata.PublicTrade;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public tape: {@code trades}, {@code historicalTrades} and {@code aggTrades}. */
@RestController
@RequestMapping("/api/v3")
class PublicTradeController {

  private static final int DEFAULT_LIMIT = 500;
  private static final int MAX_LIMIT = 1000;

  private final Exchange exchange;
  private final MarketData marketData;

  PublicTradeController(Exchange exchange, MarketData marketData) {
    this.exchange = exchange;
    this.marketData = marketData;
  }

  @GetMapping("/trades")
  List<Map<String, Object>> trades(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    SymbolSpec spec = symbol(parameters);
    int limit = parameters.limit(DEFAULT_LIMIT, MAX_LIMIT);
    return marketData.recentTrades(spec.symbol(), limit).stream()
        .map(trade -> trade(spec, trade))
        .toList();
  }

  @GetMapping("/historicalTrades")
  List<Map<String, Object>> historicalTrades(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    SymbolSpec spec = symbol(parameters);
    int limit = parameters.limit(DEFAULT_LIMIT, MAX_LIMIT);
    Optional<Long> fromId = parameters.optionalLong("fromId");
    List<PublicTrade> trades =
        fromId.isPresent()
            ? marketData.tradesFrom(spec.symbol(), fromId.get(), limit)
            : marketData.recentTrades(spec.symbol(), limit);
    return trades.stream().map(trade -> trade(spec, trade)).toList();
  }

  @GetMapping("/aggTrades")
  List<Map<String, Object>> aggTrades(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    SymbolSpec spec = symbol(parameters);
    int limit = parameters.limit(DEFAULT_LIMIT, MAX_LIMIT);
    Optional<Long> fromId = parameters.optionalLong("fromId");
    Optional<Long> startTime = parameters.optionalTimeMillis("startTime", true);
    Optional<Long> endTime = parameters.optionalTimeMillis("endTime", false);
    List<AggregateTrade> aggregates;
    if (fromId.isPresent()) {
      if (startTime.isPresent() || endTime.isPresent()) {
        throw ApiException.badParameterCombination();
      }
      aggregates = marketData.aggregateTradesFrom(spec.symbol(), fromId.get(), limit);
    } else if (startTime.isPresent()) {
      // Any span since Binance's 2022-12-05 change: the oldest in it first.
      long to = endTime.orElse(Long.MAX_VALUE);
      if (to < startTime.get()) {
        throw ApiException.invalidParameter("endTime");
      }
      aggregates = marketData.aggregateTradesBetween(spec.symbol(), startTime.get(), to, limit);
    } else if (endTime.isPresent()) {
      // endTime alone: the trades before it, up to the limit.
      aggregates = marketData.aggregateTradesUntil(spec.symbol(), endTime.get(), limit);
    } else {
      aggregates = marketData.recentAggregateTrades(spec.symbol(), limit);
    }
    return aggregates.stream().map(aggregate -> aggregate(spec, aggregate)).toList();
  }

  private SymbolSpec symbol(ApiParameters parameters) {
    return exchange.spec(parameters.required("symbol")).orElseThrow(ApiException::invalidSymbol);
  }

  private static Map<String, Object> trade(SymbolSpec spec, PublicTrade trade) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", trade.id());
    body.put("price", spec.price(trade.priceTicks()).toPlainString());
    body.put("qty", spec.quantity(trade.quantityLots()).toPlainString());
    body.put("quoteQty", Assets.fromUnits(trade.quoteUnits()).toPlainString());
    body.put("time", trade.timeMillis());
    body.put("isBuyerMaker", trade.buyerIsMaker());
    body.put("isBestMatch", true);
    return body;
  }

  private static Map<String, Object> aggregate(SymbolSpec spec, AggregateTrade aggregate) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("a", aggregate.id());
    body.put("p", spec.price(aggregate.priceTicks()).toPlainString());
    body.put("q", spec.quantity(aggregate.quantityLots()).toPlainString());
    body.put("f", aggregate.firstTradeId());
    body.put("l", aggregate.lastTradeId());
    body.put("T", aggregate.timeMillis());
    body.put("m", aggregate.buyerIsMaker());
    body.put("M", true);
    return body;
  }
}
