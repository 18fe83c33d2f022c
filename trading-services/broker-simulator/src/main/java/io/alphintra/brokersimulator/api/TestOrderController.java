package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.ApiAccount;
import io.alphintra.brokersimulator.engine.Rejection;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v3/order/test}: the same parameter checks, filters and engine admission
 * (duplicate id, post-only, liquidity, free balance) as a real order, without placing it.
 */
@RestController
@RequestMapping("/api/v3")
class TestOrderController {

  private static final Set<String> PARAMETERS = withCommissionFlag();

  private final Exchange exchange;
  private final SignedRequests signedRequests;
  private final OrderMarket orderMarket;

  TestOrderController(Exchange exchange, SignedRequests signedRequests, OrderMarket orderMarket) {
    this.exchange = exchange;
    this.signedRequests = signedRequests;
    this.orderMarket = orderMarket;
  }

  @PostMapping("/order/test")
  Map<String, Object> testOrder(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount account = signedRequests.authenticate(request, parameters);
    SymbolSpec spec =
        exchange.spec(parameters.required("symbol")).orElseThrow(ApiException::invalidSymbol);
    boolean computeCommissionRates = computeCommissionRates(parameters);
    OrderRequest order =
        OrderRequest.parse(
            spec,
            parameters,
            PARAMETERS,
            account.ledgerAccountId(),
            orderMarket.of(spec, account.ledgerAccountId(), 0));
    Rejection rejection = exchange.check(spec.symbol(), order.order());
    if (rejection != null) {
      throw OrderController.rejectedNewOrder(rejection);
    }
    return computeCommissionRates ? CommissionRates.forOrder(spec) : Map.of();
  }

  static boolean computeCommissionRates(ApiParameters parameters) {
    return parameters
        .optional("computeCommissionRates")
        .map(
            value ->
                switch (value) {
                  case "true" -> true;
                  case "false" -> false;
                  default -> throw ApiException.invalidParameter("computeCommissionRates");
                })
        .orElse(false);
  }

  /** For the request weight: a malformed flag weighs as absent; the endpoint then refuses it. */
  static boolean computeCommissionRatesSafely(ApiParameters parameters) {
    return parameters.optional("computeCommissionRates").map("true"::equals).orElse(false);
  }

  private static Set<String> withCommissionFlag() {
    Set<String> names = new HashSet<>(OrderRequest.PARAMETERS);
    names.add("computeCommissionRates");
    return Set.copyOf(names);
  }
}
