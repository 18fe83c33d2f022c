package io.alphintra.brokersimulator.api;

/** Request weights of Binance Spot's endpoints, as counted against REQUEST_WEIGHT. */
final class RequestWeights {

  private RequestWeights() {}

  static int of(String method, String path, ApiParameters parameters) {
    return switch (path) {
      case "/api/v3/ping", "/api/v3/time" -> 1;
      case "/api/v3/exchangeInfo" -> 20;
      case "/api/v3/depth" -> depthWeight(parameters);
      case "/api/v3/ticker/price", "/api/v3/ticker/bookTicker" ->
          parameters.optional("symbol").isPresent() ? 2 : 4;
      case "/api/v3/ticker/24hr" -> dayTickerWeight(SymbolSelection.requestedCount(parameters));
      case "/api/v3/ticker" ->
          Math.min(200, 4 * Math.max(1, SymbolSelection.requestedCount(parameters)));
      case "/api/v3/klines", "/api/v3/uiKlines", "/api/v3/avgPrice" -> 2;
      case "/api/v3/trades", "/api/v3/historicalTrades" -> 25;
      case "/api/v3/aggTrades" -> 4;
      case "/api/v3/order" -> method.equals("GET") ? 4 : 1;
      case "/api/v3/order/test" ->
          TestOrderController.computeCommissionRatesSafely(parameters) ? 20 : 1;
      case "/api/v3/order/cancelReplace" -> 1;
      case "/api/v3/order/amend/keepPriority" -> 4;
      case "/api/v3/allOrders", "/api/v3/account/commission" -> 20;
      case "/api/v3/myTrades" -> parameters.optional("orderId").isPresent() ? 5 : 20;
      case "/api/v3/openOrders" ->
          method.equals("GET") ? (parameters.optional("symbol").isPresent() ? 6 : 80) : 1;
      case "/api/v3/account" -> 20;
      default -> 1;
    };
  }

  /** 2 for one symbol or up to 20, 40 up to 100, 80 beyond or for all. */
  private static int dayTickerWeight(int symbols) {
    if (symbols < 0 || symbols > 100) {
      return 80;
    }
    return symbols <= 20 ? 2 : 40;
  }

  private static int depthWeight(ApiParameters parameters) {
    long limit;
    try {
      limit = parameters.optionalLong("limit").orElse(100L);
    } catch (ApiException malformed) {
      return 5;
    }
    if (limit <= 100) {
      return 5;
    }
    if (limit <= 500) {
      return 25;
    }
    return limit <= 1000 ? 50 : 250;
  }
}
