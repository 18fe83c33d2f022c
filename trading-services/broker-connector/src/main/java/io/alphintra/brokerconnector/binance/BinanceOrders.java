package io.alphintra.brokerconnector.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphintra.brokerconnector.order.BrokerOrder;
import io.alphintra.brokerconnector.order.OrderStatus;
import io.alphintra.brokerconnector.order.OrderType;
import io.alphintra.brokerconnector.order.Side;
import io.alphintra.brokerconnector.order.TimeInForce;
import io.alphintra.brokerconnector.filters.VenueDecimals;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** Binance's order JSON (new-order RESULT, query, cancel, openOrders) to {@link BrokerOrder}. */
@Component
class BinanceOrders {

    private final VenueDecimals decimals;

    BinanceOrders(VenueDecimals decimals) {
        this.decimals = decimals;
    }

    BrokerOrder fromVenue(JsonNode node) {
        OrderType type = OrderType.valueOf(node.path("type").asText());
        String symbol = node.path("symbol").asText();
        BigDecimal price = decimals.price(symbol, node.path("price").asText("0"));
        String clientOrderId = node.hasNonNull("origClientOrderId") ? node.path("origClientOrderId").asText()
                : node.path("clientOrderId").asText();
        long time = node.hasNonNull("updateTime") ? node.path("updateTime").asLong() : node.path("transactTime").asLong();
        return new BrokerOrder(clientOrderId, node.path("orderId").asLong(-1), symbol,
                Side.valueOf(node.path("side").asText()), type, timeInForce(node.path("timeInForce").asText(null)),
                type == OrderType.MARKET || price.signum() == 0 ? null : price,
                decimals.quantity(symbol, node.path("origQty").asText("0")),
                decimals.quantity(symbol, node.path("executedQty").asText("0")),
                VenueDecimals.plain(node.path("cummulativeQuoteQty").asText("0")),
                OrderStatus.fromVenue(node.path("status").asText(null)), time);
    }

    private static TimeInForce timeInForce(String value) {
        try {
            return value == null ? null : TimeInForce.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
