package io.alphintra.brokersimulator.api;

/** Request weights of Binance Spot's endpoints, as counted against REQUEST_WEIGHT. */
final class RequestWeights {

  private RequestWeights() {}

  static int of(String method, String path, ApiParameters parameters) {
    return switch (path) {
      case "/api/v3/ping", "/api/v3/time" -> 1;
      case "/api/v3/exchangeInfo" -> 20;
      case "/api/v3/depth" -> depthWeight(parameters);
      case "/api/v3/ticker/price" -> parameters.optional("symbol").isPresent() ? 2 : 4;
      case "/api/v3/order" -> method.equals("GET") ? 4 : 1;
      case "/api/v3/order/amend/keepPriority" -> 4;
      case "/api/v3/openOrders" ->
          method.equals("GET") ? (parameters.optional("symbol").isPresent() ? 6 : 80) : 1;
      case "/api/v3/account" -> 20;
      default -> 1;
    };
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
