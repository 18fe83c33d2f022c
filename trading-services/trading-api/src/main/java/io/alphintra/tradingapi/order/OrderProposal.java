package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.instrument.Instrument;
import io.alphintra.tradingapi.security.Caller;
import io.alphintra.tradingapi.web.ApiProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A placement request checked against its instrument's scales and turned into the PENDING_NEW order
 * it would record, and what tells two requests of one clientOrderId apart.
 */
final class OrderProposal {

  private OrderProposal() {}

  /** The order {@code request} proposes; 400 naming every field that does not fit. */
  static TradeOrder of(
      Caller caller,
      Account account,
      PlaceOrderRequest request,
      Instrument instrument,
      Instant now) {
    List<String> problems = new ArrayList<>();
    if (request.quantity().stripTrailingZeros().scale() > instrument.quantityScale()) {
      problems.add(
          "quantity "
              + request.quantity().toPlainString()
              + " has more than the "
              + instrument.quantityScale()
              + " decimals "
              + instrument.symbol()
              + " allows");
    }
    if (request.type().hasPrice() && request.price() == null) {
      problems.add("price is required for " + request.type() + " orders");
    }
    if (!request.type().hasPrice() && request.price() != null) {
      problems.add("price must be empty for MARKET orders");
    }
    if (request.price() != null
        && request.price().stripTrailingZeros().scale() > instrument.priceScale()) {
      problems.add(
          "price "
              + request.price().toPlainString()
              + " has more than the "
              + instrument.priceScale()
              + " decimals "
              + instrument.symbol()
              + " allows");
    }
    if (request.type() != OrderType.LIMIT && request.timeInForce() != null) {
      problems.add(
          "timeInForce applies to LIMIT orders only; leave it empty for " + request.type());
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.badRequest(String.join("; ", problems));
    }
    UUID id = UUID.randomUUID();
    return new TradeOrder(
        id,
        account.id(),
        request.clientOrderId(),
        id.toString().replace("-", ""),
        account.brokerConnection(),
        null,
        instrument.symbol(),
        request.side(),
        request.type(),
        request.type() == OrderType.LIMIT
            ? Objects.requireNonNullElse(request.timeInForce(), TimeInForce.GTC)
            : null,
        instrument.quantity(request.quantity()),
        instrument.price(request.price()),
        OrderStatus.PENDING_NEW,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        null,
        null,
        caller.subject(),
        now,
        now);
  }

  /** Whether two orders of one clientOrderId are the same order (a retry), not a conflict. */
  static boolean sameOrder(TradeOrder a, TradeOrder b) {
    return a.symbol().equals(b.symbol())
        && a.side() == b.side()
        && a.type() == b.type()
        && a.timeInForce() == b.timeInForce()
        && a.quantity().compareTo(b.quantity()) == 0
        && (a.price() == null
            ? b.price() == null
            : b.price() != null && a.price().compareTo(b.price()) == 0);
  }

  /**
   * Whether the account's risk limits need the symbol's last trade price to check {@code order}.
   */
  static boolean needsLastPrice(Account account, TradeOrder order) {
    var limits = account.limits();
    return limits.priceBandBps() != null
        || (order.price() == null
            && (limits.maxOrderNotional() != null || limits.maxPositionNotional() != null));
  }
}
