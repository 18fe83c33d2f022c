package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.order.BrokerGateway;
import io.alphintra.brokerconnector.order.BrokerOrder;
import io.alphintra.brokerconnector.order.OrderRequest;
import io.alphintra.brokerconnector.order.OrderType;
import io.alphintra.brokerconnector.venue.VenueRejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@link BrokerGateway} over Binance Spot's SIGNED order endpoints. */
@Component
class BinanceOrderGateway implements BrokerGateway {

  private final BinanceRestClient client;
  private final BinanceOrders orders;

  BinanceOrderGateway(BinanceRestClient client, BinanceOrders orders) {
    this.client = client;
    this.orders = orders;
  }

  @Override
  public BrokerOrder place(OrderRequest request) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("symbol", request.symbol());
    parameters.put("side", request.side().name());
    parameters.put("type", request.type().name());
    if (request.type() == OrderType.LIMIT) {
      parameters.put("timeInForce", request.timeInForce().name());
    }
    parameters.put("quantity", request.quantity().toPlainString());
    if (request.type().hasPrice()) {
      parameters.put("price", request.price().toPlainString());
    }
    parameters.put("newClientOrderId", request.clientOrderId());
    // RESULT carries the final status without the fills list we do not need here.
    parameters.put("newOrderRespType", "RESULT");
    return orders.fromVenue(
        client.signed("POST", "/api/v3/order", parameters, RequestWeights.NEW_ORDER, true));
  }

  @Override
  public Optional<BrokerOrder> find(String symbol, String clientOrderId) {
    try {
      return Optional.of(
          orders.fromVenue(
              client.signed(
                  "GET",
                  "/api/v3/order",
                  orderParameters(symbol, clientOrderId),
                  RequestWeights.QUERY_ORDER,
                  false)));
    } catch (VenueRejection rejection) {
      if (rejection.code() == VenueRejection.ORDER_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw rejection;
    }
  }

  @Override
  public BrokerOrder cancel(String symbol, String clientOrderId) {
    return orders.fromVenue(
        client.signed(
            "DELETE",
            "/api/v3/order",
            orderParameters(symbol, clientOrderId),
            RequestWeights.CANCEL_ORDER,
            false));
  }

  @Override
  public List<BrokerOrder> openOrders(String symbol) {
    JsonNode venueOrders =
        client.signed(
            "GET",
            "/api/v3/openOrders",
            Map.of("symbol", symbol),
            RequestWeights.OPEN_ORDERS_ONE_SYMBOL,
            false);
    List<BrokerOrder> open = new ArrayList<>(venueOrders.size());
    venueOrders.forEach(order -> open.add(orders.fromVenue(order)));
    return open;
  }

  private static Map<String, String> orderParameters(String symbol, String clientOrderId) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("symbol", symbol);
    parameters.put("origClientOrderId", clientOrderId);
    return parameters;
  }
}
