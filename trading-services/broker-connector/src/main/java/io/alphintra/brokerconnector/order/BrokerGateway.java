package io.alphintra.brokerconnector.order;

import java.util.List;
import java.util.Optional;

/**
 * The order side of one broker account. Implementations throw the {@link
 * io.alphintra.brokerconnector.venue.VenueException} subtypes so callers can tell a definitive
 * refusal from an unknown outcome.
 */
public interface BrokerGateway {

  /** Sends the order once, with {@code clientOrderId} as the venue's client order id. */
  BrokerOrder place(OrderRequest request);

  /** The order with this client order id; empty when the venue confirms it does not exist. */
  Optional<BrokerOrder> find(String symbol, String clientOrderId);

  BrokerOrder cancel(String symbol, String clientOrderId);

  List<BrokerOrder> openOrders(String symbol);
}
