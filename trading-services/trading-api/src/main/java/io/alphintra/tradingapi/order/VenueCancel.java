package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.broker.ConnectorClient;
import io.alphintra.tradingapi.broker.ConnectorFailure;
import io.alphintra.tradingapi.broker.ConnectorOrder;
import io.alphintra.tradingapi.fill.ExecutionLedger;
import io.alphintra.tradingapi.fill.NotOnVenueSettlement;
import io.alphintra.tradingapi.fill.OrderReport;
import io.alphintra.tradingapi.web.ApiProblem;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The cancel of one order on its venue through the connector, and what the venue's answer means for
 * the order: canceled, already closed, not on the venue at all (settled as EXPIRED NOT_ON_VENUE),
 * or not reachable (503, retry).
 */
@Component
class VenueCancel {

  private final ConnectorClient connectors;
  private final ExecutionLedger ledger;
  private final NotOnVenueSettlement settlement;

  VenueCancel(ConnectorClient connectors, ExecutionLedger ledger, NotOnVenueSettlement settlement) {
    this.connectors = connectors;
    this.ledger = ledger;
    this.settlement = settlement;
  }

  /**
   * Cancels an open, acknowledged order on its venue and records the answer; an {@link ApiProblem}
   * when it cannot be canceled (closed, not acknowledged yet, refused, venue unreachable).
   */
  TradeOrder cancel(TradeOrder order, String actor, String why) {
    if (!order.status().isOpen()) {
      throw closed(order);
    }
    if (order.status() == OrderStatus.PENDING_NEW || order.status() == OrderStatus.UNKNOWN) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "ORDER_NOT_ACKNOWLEDGED",
          "order "
              + order.clientOrderId()
              + " is "
              + order.status()
              + ": the venue has not acknowledged it yet; retry the cancel shortly");
    }
    String connection = order.brokerConnection();
    try {
      // A pushed state of the order arriving meanwhile is recorded with this request's reason.
      return ledger.attributed(
          order.id(),
          actor,
          why,
          () -> {
            ConnectorOrder venue =
                connectors.cancel(connection, order.venueClientOrderId(), order.symbol());
            return ledger.apply(new OrderReport(connection, venue), actor, why).orElseThrow();
          });
    } catch (ConnectorFailure e) {
      if (e.kind() == ConnectorFailure.Kind.CLOSED) {
        TradeOrder now = refresh(order);
        throw closed(now);
      }
      if (e.kind() == ConnectorFailure.Kind.NOT_FOUND) {
        return settleUnknownToVenue(order, actor, why, e);
      }
      throw cancelFailed(order, e);
    }
  }

  private static ApiProblem cancelFailed(TradeOrder order, ConnectorFailure e) {
    return new ApiProblem(
        e.kind() == ConnectorFailure.Kind.REFUSED
            ? HttpStatus.UNPROCESSABLE_ENTITY
            : HttpStatus.SERVICE_UNAVAILABLE,
        e.kind() == ConnectorFailure.Kind.REFUSED ? e.reason() : "BROKER_UNAVAILABLE",
        "the cancel of "
            + order.clientOrderId()
            + " did not go through ("
            + e.reason()
            + ": "
            + e.getMessage()
            + "); retry it");
  }

  /**
   * The venue answered a cancel that it has no such order (its book was lost in a restart, the
   * order never arrived, or it closed and was purged long ago). A read by clientOrderId through the
   * connector confirms it; then the order can no longer trade and is settled as EXPIRED with reason
   * NOT_ON_VENUE (its open-order count released), instead of a cancel answered 503 forever. A read
   * that does not reach the venue changes nothing (503, retry); one that finds the order records
   * what the venue says.
   */
  private TradeOrder settleUnknownToVenue(
      TradeOrder order, String actor, String why, ConnectorFailure cancel) {
    String connection = order.brokerConnection();
    ConnectorOrder venue;
    try {
      venue = connectors.get(connection, order.venueClientOrderId(), order.symbol());
    } catch (ConnectorFailure read) {
      if (read.kind() != ConnectorFailure.Kind.NOT_FOUND) {
        throw cancelFailed(order, read);
      }
      TradeOrder settled =
          settlement.settle(
              order,
              actor,
              why,
              "cancel: " + cancel.reason() + ", read by clientOrderId: " + read.reason(),
              read.getMessage());
      if (NotOnVenueSettlement.isSettled(settled)) {
        return settled;
      }
      // Closed otherwise meanwhile (a pushed final state).
      throw closed(settled);
    }
    TradeOrder now =
        ledger
            .apply(
                new OrderReport(connection, venue),
                ExecutionLedger.VENUE,
                "read after the venue did not find the order to cancel it")
            .orElse(order);
    if (!now.status().isOpen()) {
      throw closed(now);
    }
    throw cancelFailed(now, cancel);
  }

  private TradeOrder refresh(TradeOrder order) {
    try {
      ConnectorOrder venue =
          connectors.get(order.brokerConnection(), order.venueClientOrderId(), order.symbol());
      return ledger
          .apply(
              new OrderReport(order.brokerConnection(), venue),
              ExecutionLedger.VENUE,
              "closed on the venue before the cancel")
          .orElse(order);
    } catch (ConnectorFailure e) {
      return order;
    }
  }

  private static ApiProblem closed(TradeOrder order) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "ORDER_CLOSED",
        "order "
            + order.clientOrderId()
            + " is already "
            + order.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + " and cannot be canceled");
  }
}
