package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.order.OrderRegistry;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * After the user-data feed (re)subscribes, re-reads from {@code allOrders} the states it may have
 * missed while it was away: from the oldest order the registry still holds open (or, when none is,
 * from the one after the newest it knows), so fills, cancels and expiries of the gap reach the
 * registry without polling each order.
 */
@Component
class OrderStateRecovery {

  static final int PAGE = 1000;
  private static final int ALL_ORDERS_WEIGHT = 20;

  private final BinanceRestClient rest;
  private final BinanceOrders orders;
  private final OrderRegistry registry;

  OrderStateRecovery(BinanceRestClient rest, BinanceOrders orders, OrderRegistry registry) {
    this.rest = rest;
    this.orders = orders;
    this.registry = registry;
  }

  /** Recovers one symbol's order states; returns how many the registry took. */
  int recover(String symbol) {
    OptionalLong start = registry.recoveryStart(symbol);
    if (start.isEmpty()) {
      return 0; // nothing known yet: the start-up discovery of open orders covers this symbol
    }
    long fromId = start.getAsLong();
    int taken = 0;
    JsonNode page;
    do {
      Map<String, String> params = new TreeMap<>();
      params.put("symbol", symbol);
      params.put("orderId", Long.toString(fromId));
      params.put("limit", Integer.toString(PAGE));
      page = rest.signed("GET", "/api/v3/allOrders", params, ALL_ORDERS_WEIGHT, false);
      for (JsonNode row : page) {
        if (registry.followVenue(orders.fromVenue(row))) {
          taken++;
        }
        fromId = Math.max(fromId, row.path("orderId").asLong() + 1);
      }
    } while (page.size() >= PAGE);
    return taken;
  }
}
