package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.filters.VenueDecimals;
import io.alphintra.brokerconnector.order.BrokerOrder;
import io.alphintra.brokerconnector.order.OrderRegistry;
import io.alphintra.brokerconnector.order.OrderStatus;
import io.alphintra.brokerconnector.order.OrderType;
import io.alphintra.brokerconnector.order.Side;
import io.alphintra.brokerconnector.order.TimeInForce;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns the user-data feed's {@code executionReport} events into order states in the {@link
 * OrderRegistry}, so the connector knows of fills, cancels and expiries without asking the venue.
 */
@Component
class ExecutionReports {

  private static final Logger log = LoggerFactory.getLogger(ExecutionReports.class);

  private final VenueDecimals decimals;
  private final OrderRegistry registry;

  ExecutionReports(VenueDecimals decimals, OrderRegistry registry) {
    this.decimals = decimals;
    this.registry = registry;
  }

  /**
   * Applies one {@code executionReport} event (the {@code event} object of the message). One it
   * cannot read (an order type or side this connector does not know, placed on the account
   * elsewhere) is skipped, so it cannot keep the same message's fill from being recorded.
   */
  void follow(JsonNode event) {
    BrokerOrder order;
    try {
      order = order(event);
    } catch (RuntimeException e) {
      log.debug(
          "Skipped an executionReport the registry cannot hold: {}", e.getClass().getSimpleName());
      return;
    }
    registry.followVenue(order);
  }

  /** The order's client id as a fill names it; for a cancel Binance sends it in {@code C}. */
  static String clientOrderId(JsonNode event) {
    String original = event.path("C").asString("");
    return original.isEmpty() ? event.path("c").asString() : original;
  }

  BrokerOrder order(JsonNode event) {
    String symbol = event.path("s").asString();
    OrderType type = OrderType.valueOf(event.path("o").asString());
    BigDecimal price = decimals.price(symbol, event.path("p").asString("0"));
    return new BrokerOrder(
        clientOrderId(event),
        event.path("i").asLong(-1),
        symbol,
        Side.valueOf(event.path("S").asString()),
        type,
        timeInForce(event.path("f").asString(null)),
        type == OrderType.MARKET || price.signum() == 0 ? null : price,
        decimals.quantity(symbol, event.path("q").asString("0")),
        decimals.quantity(symbol, event.path("z").asString("0")),
        VenueDecimals.plain(event.path("Z").asString("0")),
        OrderStatus.fromVenue(event.path("X").asString(null)),
        event.path("T").asLong());
  }

  private static TimeInForce timeInForce(String value) {
    try {
      return value == null ? null : TimeInForce.valueOf(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
