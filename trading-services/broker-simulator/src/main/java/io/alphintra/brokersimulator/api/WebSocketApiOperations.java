package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.ApiAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The REST API's operations for the WebSocket API ({@code /ws-api/v3}): the same signature checks,
 * order entry, exchange information and rate limits, only fed from a JSON {@code params} object.
 */
@Component
public final class WebSocketApiOperations {

  private final SignedRequests signedRequests;
  private final OrderController orders;
  private final MarketDataController marketData;
  private final RateLimiter rateLimiter;

  WebSocketApiOperations(
      SignedRequests signedRequests,
      OrderController orders,
      MarketDataController marketData,
      RateLimiter rateLimiter) {
    this.signedRequests = signedRequests;
    this.orders = orders;
    this.marketData = marketData;
    this.rateLimiter = rateLimiter;
  }

  /** Checks {@code apiKey}, {@code timestamp}, {@code recvWindow} and {@code signature}. */
  public ApiAccount authenticate(Map<String, String> params) {
    return signedRequests.authenticate(
        params.get("apiKey"), ApiParameters.ofWebSocketParams(params));
  }

  public Map<String, Object> exchangeInfo(Map<String, String> params) {
    return marketData.exchangeInfo(ApiParameters.ofWebSocketParams(params));
  }

  public Map<String, Object> placeOrder(
      ApiAccount account, Map<String, String> params, IntConsumer orderCount) {
    // The API key is how a WebSocket request authenticates, not an order parameter: REST sends
    // it as a header, so the order's own parameter check must not see it.
    Map<String, String> orderParams = new LinkedHashMap<>(params);
    orderParams.remove("apiKey");
    return orders.newOrder(
        account,
        ApiParameters.ofWebSocketParams(orderParams),
        counts -> orderCount.accept(counts.tenSeconds()));
  }

  public Map<String, Object> queryOrder(ApiAccount account, Map<String, String> params) {
    return orders.queryOrder(account, ApiParameters.ofWebSocketParams(params));
  }

  public Map<String, Object> cancelOrder(ApiAccount account, Map<String, String> params) {
    return orders.cancelOrder(account, ApiParameters.ofWebSocketParams(params));
  }

  /** Charges request weight to a client IP; returns the minute's count or throws -1003. */
  public int chargeWeight(String clientIp, int weight) {
    return rateLimiter.chargeWeight(clientIp, weight);
  }

  /** -2035: the account already has a user-data subscription on this connection. */
  public static ApiException subscriptionActive() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -2035, "User Data Stream subscription already active.");
  }

  /** -2036: no such user-data subscription on this connection. */
  public static ApiException subscriptionInactive() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -2036,
        "User Data Stream subscription not active; list them with session.subscriptions.");
  }

  public static ApiException tooManySubscriptions(int limit) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -2042,
        "Maximum subscription ID reached for this connection: at most "
            + limit
            + " active subscriptions; unsubscribe or open a new connection.");
  }

  /** The {@code rateLimits} entry of a response, as Binance reports it. */
  public List<Map<String, Object>> rateLimits(int usedWeight, Integer orderCount) {
    Map<String, Object> weight =
        Map.of(
            "rateLimitType",
            "REQUEST_WEIGHT",
            "interval",
            "MINUTE",
            "intervalNum",
            1,
            "limit",
            rateLimiter.limits().requestWeightPerMinute(),
            "count",
            usedWeight);
    if (orderCount == null) {
      return List.of(weight);
    }
    Map<String, Object> orders =
        Map.of(
            "rateLimitType",
            "ORDERS",
            "interval",
            "SECOND",
            "intervalNum",
            10,
            "limit",
            rateLimiter.limits().ordersPer10Seconds(),
            "count",
            orderCount);
    return List.of(orders, weight);
  }
}
