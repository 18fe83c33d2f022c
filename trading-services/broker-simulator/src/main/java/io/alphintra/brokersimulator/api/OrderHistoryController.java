package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.AccountTradeHistory;
import io.alphintra.brokersimulator.account.ApiAccount;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.engine.Execution;
import io.alphintra.brokersimulator.engine.OrderSnapshot;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's history on a symbol: {@code allOrders} (open, canceled, filled, expired) and {@code
 * myTrades} (its executions with commission). What a connector recovers from after a reconnect.
 */
@RestController
@RequestMapping("/api/v3")
class OrderHistoryController {

  private static final int DEFAULT_LIMIT = 500;
  private static final int MAX_LIMIT = 1000;
  private static final long MAX_SPAN = 24 * 3_600_000L;

  private final Exchange exchange;
  private final AccountTradeHistory trades;
  private final SignedRequests signedRequests;

  OrderHistoryController(
      Exchange exchange, AccountTradeHistory trades, SignedRequests signedRequests) {
    this.exchange = exchange;
    this.trades = trades;
    this.signedRequests = signedRequests;
  }

  @GetMapping("/allOrders")
  List<Map<String, Object>> allOrders(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount account = signedRequests.authenticate(request, parameters);
    SymbolSpec spec = symbol(parameters);
    int limit = parameters.limit(DEFAULT_LIMIT, MAX_LIMIT);
    Optional<Long> orderId = parameters.optionalLong("orderId");
    Predicate<OrderSnapshot> inTime = timeRange(parameters, OrderSnapshot::timeMillis);
    List<OrderSnapshot> orders =
        exchange.orderHistory(spec.symbol(), account.ledgerAccountId()).stream()
            .filter(order -> orderId.map(id -> order.orderId() >= id).orElse(true))
            .filter(inTime)
            .toList();
    boolean fromStart = orderId.isPresent() || parameters.sent("startTime");
    return OrderResponses.queries(spec, window(orders, limit, fromStart));
  }

  @GetMapping("/myTrades")
  List<Map<String, Object>> myTrades(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount account = signedRequests.authenticate(request, parameters);
    SymbolSpec spec = symbol(parameters);
    int limit = parameters.limit(DEFAULT_LIMIT, MAX_LIMIT);
    Optional<Long> orderId = parameters.optionalLong("orderId");
    Optional<Long> fromId = parameters.optionalLong("fromId");
    boolean timed = parameters.sent("startTime") || parameters.sent("endTime");
    // Binance's supported combinations: fromId and orderId never with a time range.
    if (timed && (fromId.isPresent() || orderId.isPresent())) {
      throw ApiException.badParameterCombination();
    }
    Predicate<Execution> inTime = timeRange(parameters, Execution::timeMillis);
    List<Execution> executions =
        trades.of(account.ledgerAccountId(), spec.symbol()).stream()
            .filter(execution -> orderId.map(id -> execution.orderId() == id).orElse(true))
            .filter(execution -> fromId.map(id -> execution.tradeId() >= id).orElse(true))
            .filter(inTime)
            .toList();
    boolean fromStart = fromId.isPresent() || parameters.sent("startTime");
    return window(executions, limit, fromStart).stream()
        .map(execution -> trade(spec, execution))
        .toList();
  }

  private SymbolSpec symbol(ApiParameters parameters) {
    return exchange.spec(parameters.required("symbol")).orElseThrow(ApiException::invalidSymbol);
  }

  private static <T> Predicate<T> timeRange(ApiParameters parameters, ToLongFunction<T> time) {
    Optional<Long> start = parameters.optionalTimeMillis("startTime", true);
    Optional<Long> end = parameters.optionalTimeMillis("endTime", false);
    if (start.isPresent() && end.isPresent()) {
      if (end.get() < start.get()) {
        throw ApiException.invalidParameter("endTime");
      }
      if (end.get() - start.get() > MAX_SPAN) {
        throw ApiException.lookupIntervalTooBig(24);
      }
    }
    return item ->
        start.map(from -> time.applyAsLong(item) >= from).orElse(true)
            && end.map(to -> time.applyAsLong(item) <= to).orElse(true);
  }

  /** The first {@code limit} when paging forward from an id or time, else the newest. */
  private static <T> List<T> window(List<T> items, int limit, boolean fromStart) {
    if (items.size() <= limit) {
      return items;
    }
    return new ArrayList<>(
        fromStart ? items.subList(0, limit) : items.subList(items.size() - limit, items.size()));
  }

  private Map<String, Object> trade(SymbolSpec spec, Execution execution) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", execution.symbol());
    body.put("id", execution.tradeId());
    body.put("orderId", execution.orderId());
    body.put("orderListId", -1);
    body.put("price", spec.price(execution.priceTicks()).toPlainString());
    body.put("qty", spec.quantity(execution.quantityLots()).toPlainString());
    body.put(
        "quoteQty",
        Assets.fromUnits(
                spec.instrument().quoteUnits(execution.priceTicks(), execution.quantityLots()))
            .toPlainString());
    body.put("commission", Assets.fromUnits(execution.commissionUnits()).toPlainString());
    body.put("commissionAsset", exchange.ledger().assets().name(execution.commissionAsset()));
    body.put("time", execution.timeMillis());
    body.put("isBuyer", execution.buyer());
    body.put("isMaker", execution.maker());
    body.put("isBestMatch", true);
    return body;
  }
}
