package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.ApiAccount;
import io.alphintra.brokersimulator.account.Ledger;
import io.alphintra.brokersimulator.engine.ExecutionReport;
import io.alphintra.brokersimulator.engine.OrderSnapshot;
import io.alphintra.brokersimulator.engine.OrderStatus;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v3/order/cancelReplace}: cancels an order and places a new one. The new order's
 * filters and the order count are evaluated first; the outcome of each half is reported as Binance
 * does (200, or -2021 with 409, or -2022 with 400, each with a {@code data} member).
 */
@RestController
@RequestMapping("/api/v3")
class CancelReplaceController {

  private static final Set<String> PARAMETERS = parameters();

  private final Exchange exchange;
  private final Ledger ledger;
  private final SignedRequests signedRequests;
  private final RateLimiter rateLimiter;
  private final OrderMarket orderMarket;

  CancelReplaceController(
      Exchange exchange,
      Ledger ledger,
      SignedRequests signedRequests,
      RateLimiter rateLimiter,
      OrderMarket orderMarket) {
    this.exchange = exchange;
    this.ledger = ledger;
    this.signedRequests = signedRequests;
    this.rateLimiter = rateLimiter;
    this.orderMarket = orderMarket;
  }

  @PostMapping("/order/cancelReplace")
  Map<String, Object> cancelReplace(HttpServletRequest request, HttpServletResponse response) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount account = signedRequests.authenticate(request, parameters);
    SymbolSpec spec =
        exchange.spec(parameters.required("symbol")).orElseThrow(ApiException::invalidSymbol);
    boolean stopOnFailure =
        switch (parameters.required("cancelReplaceMode")) {
          case "STOP_ON_FAILURE" -> true;
          case "ALLOW_FAILURE" -> false;
          default -> throw ApiException.invalidParameter("cancelReplaceMode");
        };
    Optional<OrderStatus> restriction = OrderController.cancelRestriction(parameters);
    if (parameters.optional("cancelOrderId").isEmpty()
        && parameters.optional("cancelOrigClientOrderId").isEmpty()) {
      throw ApiException.eitherParameterMissing("cancelOrderId", "cancelOrigClientOrderId");
    }
    boolean cancelOnlyWhenLimited =
        switch (parameters.optional("orderRateLimitExceededMode").orElse("DO_NOTHING")) {
          case "DO_NOTHING" -> false;
          case "CANCEL_ONLY" -> true;
          default -> throw ApiException.invalidParameter("orderRateLimitExceededMode");
        };
    int accountId = account.ledgerAccountId();
    Optional<OrderSnapshot> target = target(spec, accountId, parameters);
    boolean targetOpen = target.map(order -> order.status().isOpen()).orElse(false);
    RateLimiter.OrderCounts counts;
    try {
      counts = rateLimiter.countOrder(accountId);
    } catch (ApiException limited) {
      if (!cancelOnlyWhenLimited) {
        throw limited; // DO_NOTHING: the order is not even canceled
      }
      throw cancelOnly(spec, accountId, target, restriction, parameters, stopOnFailure, limited);
    }
    response.setHeader(OrderController.ORDER_COUNT_HEADER, Integer.toString(counts.tenSeconds()));
    response.setHeader(OrderController.DAILY_ORDER_COUNT_HEADER, Integer.toString(counts.day()));
    OrderRequest replacement =
        OrderRequest.parse(
            spec,
            parameters,
            PARAMETERS,
            accountId,
            orderMarket.of(spec, accountId, targetOpen ? 1 : 0));

    CancelHalf cancel = cancel(spec, accountId, target, restriction, parameters);
    boolean canceled = cancel.done();
    Object cancelResponse = cancel.response();
    if (!canceled && stopOnFailure) {
      throw ApiException.cancelReplaceFailed(
          HttpStatus.BAD_REQUEST, outcome("FAILURE", "NOT_ATTEMPTED", cancelResponse, null));
    }
    ExecutionReport placed = exchange.place(spec.symbol(), replacement.order());
    boolean replaced = !placed.isRejected();
    Object newOrderResponse =
        replaced
            ? OrderResponses.newOrder(spec, ledger.assets(), placed, replacement.responseType())
            : ApiErrorWriter.body(OrderController.rejectedNewOrder(placed.rejection()));
    Map<String, Object> outcome =
        outcome(
            canceled ? "SUCCESS" : "FAILURE",
            replaced ? "SUCCESS" : "FAILURE",
            cancelResponse,
            newOrderResponse);
    if (canceled && replaced) {
      return outcome;
    }
    if (canceled || replaced) {
      throw ApiException.cancelReplacePartiallyFailed(HttpStatus.CONFLICT, outcome, Map.of());
    }
    throw ApiException.cancelReplaceFailed(HttpStatus.BAD_REQUEST, outcome);
  }

  /** The cancel half's outcome: whether the order was canceled, and the answer to report. */
  private record CancelHalf(boolean done, Object response) {}

  private CancelHalf cancel(
      SymbolSpec spec,
      int accountId,
      Optional<OrderSnapshot> target,
      Optional<OrderStatus> restriction,
      ApiParameters parameters) {
    if (target.isEmpty() || !target.get().status().isOpen()) {
      return new CancelHalf(false, ApiErrorWriter.body(ApiException.unknownOrderOnCancel()));
    }
    if (restriction.isPresent() && target.get().status() != restriction.get()) {
      return new CancelHalf(false, ApiErrorWriter.body(ApiException.cancelRestricted()));
    }
    ExecutionReport cancel = exchange.cancel(spec.symbol(), accountId, target.get().orderId());
    if (cancel.isRejected()) {
      return new CancelHalf(false, ApiErrorWriter.body(ApiException.unknownOrderOnCancel()));
    }
    return new CancelHalf(
        true,
        OrderResponses.canceled(
            spec,
            cancel.order(),
            parameters
                .optional("cancelNewClientOrderId")
                .orElseGet(() -> OrderController.cancelClientOrderId(parameters))));
  }

  /**
   * {@code orderRateLimitExceededMode=CANCEL_ONLY} with the unfilled order count exceeded: the
   * order is still canceled, the new one is refused with the limit's error. Binance answers 429 in
   * STOP_ON_FAILURE mode, and 409 (canceled) or 400 (not canceled) in ALLOW_FAILURE mode.
   */
  private ApiException cancelOnly(
      SymbolSpec spec,
      int accountId,
      Optional<OrderSnapshot> target,
      Optional<OrderStatus> restriction,
      ApiParameters parameters,
      boolean stopOnFailure,
      ApiException limited) {
    CancelHalf cancel = cancel(spec, accountId, target, restriction, parameters);
    Object refusal = ApiErrorWriter.body(limited);
    if (stopOnFailure) {
      return cancel.done()
          ? ApiException.cancelReplacePartiallyFailed(
              HttpStatus.TOO_MANY_REQUESTS,
              outcome("SUCCESS", "FAILURE", cancel.response(), refusal),
              limited.headers())
          : ApiException.cancelReplaceFailed(
              HttpStatus.TOO_MANY_REQUESTS,
              outcome("FAILURE", "NOT_ATTEMPTED", cancel.response(), null),
              limited.headers());
    }
    return cancel.done()
        ? ApiException.cancelReplacePartiallyFailed(
            HttpStatus.CONFLICT,
            outcome("SUCCESS", "FAILURE", cancel.response(), refusal),
            Map.of())
        : ApiException.cancelReplaceFailed(
            HttpStatus.BAD_REQUEST, outcome("FAILURE", "FAILURE", cancel.response(), refusal));
  }

  /**
   * By {@code cancelOrderId} first; when {@code cancelOrigClientOrderId} is sent too it must name
   * the same order.
   */
  private Optional<OrderSnapshot> target(SymbolSpec spec, int accountId, ApiParameters parameters) {
    Optional<String> clientOrderId = parameters.optional("cancelOrigClientOrderId");
    Optional<Long> orderId = parameters.optionalLong("cancelOrderId");
    if (orderId.isPresent()) {
      return exchange
          .find(spec.symbol(), accountId, orderId.get())
          .filter(order -> clientOrderId.map(id -> id.equals(order.clientOrderId())).orElse(true));
    }
    return exchange.findByClientOrderId(spec.symbol(), accountId, clientOrderId.orElseThrow());
  }

  private static Map<String, Object> outcome(
      String cancelResult, String newOrderResult, Object cancelResponse, Object newOrderResponse) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cancelResult", cancelResult);
    body.put("newOrderResult", newOrderResult);
    body.put("cancelResponse", cancelResponse);
    body.put("newOrderResponse", newOrderResponse);
    return body;
  }

  private static Set<String> parameters() {
    Set<String> names = new HashSet<>(OrderRequest.PARAMETERS);
    names.addAll(
        Set.of(
            "cancelReplaceMode",
            "cancelNewClientOrderId",
            "cancelOrigClientOrderId",
            "cancelOrderId",
            "cancelRestrictions",
            "orderRateLimitExceededMode"));
    return Set.copyOf(names);
  }
}
