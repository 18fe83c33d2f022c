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
  private static final long ONE_HOUR = 3_600_000L;

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
    Optional<Long> startTime = parameters.optionalLong("startTime");
    Optional<Long> endTime = parameters.optionalLong("endTime");
    List<AggregateTrade> aggregates;
    if (fromId.isPresent()) {
      if (startTime.isPresent() || endTime.isPresent()) {
        throw ApiException.badParameterCombination();
      }
      aggregates = marketData.aggregateTradesFrom(spec.symbol(), fromId.get(), limit);
    } else if (startTime.isPresent() || endTime.isPresent()) {
      long from = startTime.orElseGet(() -> endTime.get() - ONE_HOUR);
      long to = endTime.orElseGet(() -> from + ONE_HOUR);
      if (to < from) {
        throw ApiException.invalidParameter("endTime");
      }
      if (to - from > ONE_HOUR) {
        throw ApiException.lookupIntervalTooBig(1);
      }
      aggregates = marketData.aggregateTradesBetween(spec.symbol(), from, to, limit);
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
