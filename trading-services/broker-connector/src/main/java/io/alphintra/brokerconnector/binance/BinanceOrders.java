package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.filters.VenueDecimals;
import io.alphintra.brokerconnector.order.BrokerOrder;
import io.alphintra.brokerconnector.order.OrderStatus;
import io.alphintra.brokerconnector.order.OrderType;
import io.alphintra.brokerconnector.order.Side;
import io.alphintra.brokerconnector.order.TimeInForce;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Binance's order JSON (new-order RESULT, query, cancel, openOrders) to {@link BrokerOrder}. */
@Component
class BinanceOrders {

  private final VenueDecimals decimals;

  BinanceOrders(VenueDecimals decimals) {
    this.decimals = decimals;
  }

  BrokerOrder fromVenue(JsonNode node) {
    OrderType type = OrderType.valueOf(node.path("type").asString());
    String symbol = node.path("symbol").asString();
    BigDecimal price = decimals.price(symbol, node.path("price").asString("0"));
    String clientOrderId =
        node.hasNonNull("origClientOrderId")
            ? node.path("origClientOrderId").asString()
            : node.path("clientOrderId").asString();
    long time =
        node.hasNonNull("updateTime")
            ? node.path("updateTime").asLong()
            : node.path("transactTime").asLong();
    return new BrokerOrder(
        clientOrderId,
        node.path("orderId").asLong(-1),
        symbol,
        Side.valueOf(node.path("side").asString()),
        type,
        timeInForce(node.path("timeInForce").asString(null)),
        type == OrderType.MARKET || price.signum() == 0 ? null : price,
        decimals.quantity(symbol, node.path("origQty").asString("0")),
        decimals.quantity(symbol, node.path("executedQty").asString("0")),
        VenueDecimals.plain(node.path("cummulativeQuoteQty").asString("0")),
        OrderStatus.fromVenue(node.path("status").asString(null)),
        time);
  }

  private static TimeInForce timeInForce(String value) {
    try {
      return value == null ? null : TimeInForce.valueOf(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
