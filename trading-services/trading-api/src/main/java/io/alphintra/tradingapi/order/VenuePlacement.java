package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.broker.ConnectorClient;
import io.alphintra.tradingapi.broker.ConnectorFailure;
import io.alphintra.tradingapi.broker.ConnectorOrder;
import io.alphintra.tradingapi.fill.ExecutionLedger;
import io.alphintra.tradingapi.fill.OrderReport;
import io.alphintra.tradingapi.order.OrderMetrics.Result;
import org.springframework.stereotype.Component;

/**
 * Sends a recorded PENDING_NEW order to its connector and records what the answer proves: the
 * venue's state (NEW, FILLED, REJECTED, …), REJECTED on a refusal, UNKNOWN when the request may
 * have reached the venue (the poller resolves it), NOT_SENT when it provably did not.
 */
@Component
class VenuePlacement {

  private final ConnectorClient connectors;
  private final ExecutionLedger ledger;
  private final OrderMetrics metrics;

  VenuePlacement(ConnectorClient connectors, ExecutionLedger ledger, OrderMetrics metrics) {
    this.connectors = connectors;
    this.ledger = ledger;
    this.metrics = metrics;
  }

  /**
   * The order as recorded after its connector's answer.
   *
   * @param firstAttempt true when nothing was ever sent with the order's venue client order id
   */
  TradeOrder send(TradeOrder order, boolean firstAttempt) {
    try {
      // A pushed state of the order arriving meanwhile is recorded with this request's reason.
      TradeOrder recorded =
          ledger.attributed(
              order.id(),
              ExecutionLedger.VENUE,
              "acknowledged by the venue",
              () -> {
                ConnectorOrder venue =
                    connectors.place(
                        order.brokerConnection(),
                        new ConnectorClient.Placement(
                            order.venueClientOrderId(),
                            order.symbol(),
                            order.side().name(),
                            order.type().name(),
                            order.timeInForce() == null ? null : order.timeInForce().name(),
                            order.quantity(),
                            order.price(),
                            firstAttempt));
                return ledger
                    .apply(
                        new OrderReport(order.brokerConnection(), venue),
                        ExecutionLedger.VENUE,
                        "acknowledged by the venue")
                    .orElseThrow();
              });
      metrics.order(
          recorded.status() == OrderStatus.REJECTED ? Result.VENUE_REJECTED : Result.ACCEPTED);
      return recorded;
    } catch (ConnectorFailure e) {
      return switch (e.kind()) {
        case REFUSED -> {
          metrics.order(Result.VENUE_REJECTED);
          yield ledger
              .transition(
                  order.id(),
                  OrderStatus.REJECTED,
                  ExecutionLedger.VENUE,
                  "refused by the connector or venue: " + e.reason(),
                  e.reason(),
                  e.getMessage())
              .orElseThrow();
        }
        case UNKNOWN -> {
          metrics.order(Result.UNKNOWN);
          yield ledger
              .transition(
                  order.id(),
                  OrderStatus.UNKNOWN,
                  "trading-api",
                  "outcome unknown (" + e.reason() + "); the poller resolves it",
                  null,
                  null)
              .orElseThrow();
        }
        default -> {
          // Provably never reached the venue (no connection, or the connector sent nothing): not
          // final, so the clientOrderId is not used up; a retry sends the same order.
          metrics.order(Result.NOT_SENT);
          yield ledger
              .transition(
                  order.id(),
                  OrderStatus.NOT_SENT,
                  "trading-api",
                  "not sent: "
                      + e.reason()
                      + " ("
                      + e.getMessage()
                      + "); nothing reached the venue, a retry with the same clientOrderId"
                      + " places it",
                  e.reason(),
                  e.getMessage())
              .orElseThrow();
        }
      };
    }
  }
}
