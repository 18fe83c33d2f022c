package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.ApiAccount;
import io.alphintra.brokersimulator.account.Ledger;
import io.alphintra.brokersimulator.engine.ExecutionReport;
import io.alphintra.brokersimulator.engine.OrderSnapshot;
import io.alphintra.brokersimulator.engine.OrderStatus;
import io.alphintra.brokersimulator.engine.Rejection;
import io.alphintra.brokersimulator.fault.FaultInjector;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Binance Spot's SIGNED order endpoints. */
@RestController
@RequestMapping("/api/v3")
class OrderController {

  static final String ORDER_COUNT_HEADER = "X-MBX-ORDER-COUNT-10S";
  static final String DAILY_ORDER_COUNT_HEADER = "X-MBX-ORDER-COUNT-1D";

  private final Exchange exchange;
  private final Ledger ledger;
  private final SignedRequests signedRequests;
  private final RateLimiter rateLimiter;
  private final FaultInjector faults;
  private final OrderMarket orderMarket;

  OrderController(
      Exchange exchange,
      Ledger ledger,
      SignedRequests signedRequests,
      RateLimiter rateLimiter,
      FaultInjector faults,
      OrderMarket orderMarket) {
    this.exchange = exchange;
    this.ledger = ledger;
    this.signedRequests = signedRequests;
    this.rateLimiter = rateLimiter;
    this.faults = faults;
    this.orderMarket = orderMarket;
  }

  @PostMapping("/order")
  Map<String, Object> newOrder(HttpServletRequest request, HttpServletResponse response) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount account = signedRequests.authenticate(request, parameters);
    return newOrder(
        account,
        parameters,
        counts -> {
          response.setHeader(ORDER_COUNT_HEADER, Integer.toString(counts.tenSeconds()));
          response.setHeader(DAILY_ORDER_COUNT_HEADER, Integer.toString(counts.day()));
        });
  }

  /** Places an order for an authenticated account; {@code orderCounts} hears the order counts. */
  Map<String, Object> newOrder(
      ApiAccount account, ApiParameters parameters, Consumer<RateLimiter.OrderCounts> orderCounts) {
    SymbolSpec spec = symbol(parameters);
    orderCounts.accept(rateLimiter.countOrder(account.ledgerAccountId()));
    OrderRequest order =
        OrderRequest.parse(
            spec,
            parameters,
            OrderRequest.PARAMETERS,
            account.ledgerAccountId(),
            orderMarket.of(spec, account.ledgerAccountId(), 0));
    ExecutionReport report = exchange.place(spec.symbol(), order.order());
    if (report.isRejected()) {
      throw rejectedNewOrder(report.rejection());
    }
    if (faults.timeOutAfterAccept()) {
      // The order is live, but the client is told the outcome is unknown: connectors must
      // reconcile.
      throw ApiException.backendTimeout();
    }
    return OrderResponses.newOrder(spec, ledger.assets(), report, order.responseType());
  }

  @GetMapping("/order")
  Map<String, Object> queryOrder(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    return queryOrder(signedRequests.authenticate(request, parameters), parameters);
  }

  Map<String, Object> queryOrder(ApiAccount account, ApiParameters parameters) {
    SymbolSpec spec = symbol(parameters);
    return OrderResponses.query(
        spec, find(spec, account, parameters).orElseThrow(ApiException::orderDoesNotExist));
  }

  @DeleteMapping("/order")
  Map<String, Object> cancelOrder(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    return cancelOrder(signedRequests.authenticate(request, parameters), parameters);
  }

  Map<String, Object> cancelOrder(ApiAccount account, ApiParameters parameters) {
    SymbolSpec spec = symbol(parameters);
    Optional<OrderStatus> restriction = cancelRestriction(parameters);
    OrderSnapshot known =
        find(spec, account, parameters).orElseThrow(ApiException::unknownOrderOnCancel);
    if (restriction.isPresent() && known.status() != restriction.get()) {
      throw ApiException.cancelRestricted();
    }
    ExecutionReport report =
        exchange.cancel(spec.symbol(), account.ledgerAccountId(), known.orderId());
    if (report.isRejected()) {
      throw ApiException.unknownOrderOnCancel();
    }
    return OrderResponses.canceled(spec, report.order(), cancelClientOrderId(parameters));
  }

  /**
   * {@code cancelRestrictions}: the only status the order may have to be canceled ({@code ONLY_NEW}
   * or {@code ONLY_PARTIALLY_FILLED}), -1145 for anything else.
   */
  static Optional<OrderStatus> cancelRestriction(ApiParameters parameters) {
    return parameters
        .optional("cancelRestrictions")
        .map(
            value ->
                switch (value) {
                  case "ONLY_NEW" -> OrderStatus.NEW;
                  case "ONLY_PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
                  default -> throw ApiException.invalidCancelRestrictions();
                });
  }

  /** Binance's order amend keep-priority: reduce quantity without losing the place in the queue. */
  @PutMapping("/order/amend/keepPriority")
  Map<String, Object> amendOrder(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount account = signedRequests.authenticate(request, parameters);
    SymbolSpec spec = symbol(parameters);
    long newLots = spec.lotsOf(parameters.requiredDecimal("newQty"));
    if (newLots < 1) {
      throw ApiException.filterFailure("LOT_SIZE");
    }
    OrderSnapshot known =
        find(spec, account, parameters).orElseThrow(ApiException::orderDoesNotExist);
    ExecutionReport report =
        exchange.amendQuantity(spec.symbol(), account.ledgerAccountId(), known.orderId(), newLots);
    if (report.isRejected()) {
      throw report.rejection() == Rejection.UNKNOWN_ORDER
          ? ApiException.orderDoesNotExist()
          : ApiException.invalidAmendQuantity();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("transactTime", report.order().updateTimeMillis());
    body.put("amendedOrder", OrderResponses.query(spec, report.order()));
    return body;
  }

  @GetMapping("/openOrders")
  List<Map<String, Object>> openOrders(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount account = signedRequests.authenticate(request, parameters);
    List<SymbolSpec> specs =
        parameters.optional("symbol").isPresent()
            ? List.of(symbol(parameters))
            : List.copyOf(exchange.specs());
    List<Map<String, Object>> open = new ArrayList<>();
    for (SymbolSpec spec : specs) {
      open.addAll(
          OrderResponses.queries(
              spec, exchange.openOrders(spec.symbol(), account.ledgerAccountId())));
    }
    return open;
  }

  @DeleteMapping("/openOrders")
  List<Map<String, Object>> cancelOpenOrders(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount account = signedRequests.authenticate(request, parameters);
    SymbolSpec spec = symbol(parameters);
    List<OrderSnapshot> canceled = exchange.cancelAll(spec.symbol(), account.ledgerAccountId());
    if (canceled.isEmpty()) {
      throw ApiException.unknownOrderOnCancel();
    }
    String cancelId = cancelClientOrderId(parameters);
    return canceled.stream().map(order -> OrderResponses.canceled(spec, order, cancelId)).toList();
  }

  private SymbolSpec symbol(ApiParameters parameters) {
    return exchange.spec(parameters.required("symbol")).orElseThrow(ApiException::invalidSymbol);
  }

  private Optional<OrderSnapshot> find(
      SymbolSpec spec, ApiAccount account, ApiParameters parameters) {
    Optional<Long> orderId = parameters.optionalLong("orderId");
    if (orderId.isPresent()) {
      return exchange.find(spec.symbol(), account.ledgerAccountId(), orderId.get());
    }
    String clientOrderId =
        parameters
            .optional("origClientOrderId")
            .orElseThrow(ApiException::orderIdOrClientOrderIdMissing);
    return exchange.findByClientOrderId(spec.symbol(), account.ledgerAccountId(), clientOrderId);
  }

  static String cancelClientOrderId(ApiParameters parameters) {
    return parameters
        .optional("newClientOrderId")
        .or(() -> parameters.optional("newCancelClientOrderId"))
        .orElse("cancel-" + Long.toHexString(System.nanoTime()));
  }

  static ApiException rejectedNewOrder(Rejection rejection) {
    return switch (rejection) {
      case INSUFFICIENT_BALANCE -> ApiException.insufficientBalance();
      case DUPLICATE_CLIENT_ORDER_ID -> ApiException.duplicateOrder();
      case POST_ONLY_WOULD_TAKE -> ApiException.postOnlyWouldTake();
      case INSUFFICIENT_LIQUIDITY -> ApiException.insufficientLiquidity();
      case UNKNOWN_ORDER, INVALID_AMEND_QUANTITY ->
          throw new IllegalStateException("not a new-order rejection: " + rejection);
    };
  }
}
