package io.alphintra.brokerconnector.filters;

import io.alphintra.brokerconnector.order.OrderRequest;
import io.alphintra.brokerconnector.order.OrderType;
import io.alphintra.brokerconnector.order.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Applies a symbol's filters before an order is sent, so the platform learns which rule it broke
 * without spending venue weight on a -1013.
 *
 * <p>Policy: <b>reject, never round.</b> Changing a price or quantity silently changes the risk a
 * strategy signed off on. A rejection names the filter and offers the nearest valid values,
 * including the conservative one: prices round down for a BUY and up for a SELL (never a worse
 * price than asked), quantities round down (never more than asked). {@link #conservativePrice} and
 * {@link #conservativeQuantity} expose that rounding for callers that want it.
 */
public final class OrderFilters {

  private OrderFilters() {}

  public static Optional<FilterViolation> check(SymbolRules rules, OrderRequest order) {
    if (!rules.trading()) {
      return Optional.of(
          new FilterViolation("SYMBOL", rules.symbol() + " is not trading on the venue right now"));
    }
    if (!rules.orderTypes().isEmpty() && !rules.orderTypes().contains(order.type().name())) {
      return Optional.of(
          new FilterViolation(
              "SYMBOL",
              rules.symbol()
                  + " does not accept "
                  + order.type()
                  + " orders; the venue accepts "
                  + rules.orderTypes()));
    }
    if (order.type().hasPrice() && rules.price() != null) {
      Optional<FilterViolation> price = checkPrice(rules.price(), order.side(), order.price());
      if (price.isPresent()) {
        return price;
      }
    }
    SymbolRules.LotSize lots =
        order.type() == OrderType.MARKET
                && rules.marketLotSize() != null
                && rules.marketLotSize().stepSize().signum() > 0
            ? rules.marketLotSize()
            : rules.lotSize();
    if (lots != null) {
      Optional<FilterViolation> quantity = checkQuantity(lots, order.quantity());
      if (quantity.isPresent()) {
        return quantity;
      }
    }
    // MARKET notional depends on the venue's average price: the venue checks it, not us.
    if (order.type().hasPrice() && rules.notional() != null) {
      return checkNotional(rules.notional(), order.price().multiply(order.quantity()));
    }
    return Optional.empty();
  }

  static Optional<FilterViolation> checkPrice(
      SymbolRules.PriceFilter filter, Side side, BigDecimal price) {
    if (filter.minPrice().signum() > 0 && price.compareTo(filter.minPrice()) < 0) {
      return violation(
          "PRICE_FILTER",
          "price " + plain(price) + " is below minPrice " + plain(filter.minPrice()));
    }
    if (filter.maxPrice().signum() > 0 && price.compareTo(filter.maxPrice()) > 0) {
      return violation(
          "PRICE_FILTER",
          "price " + plain(price) + " is above maxPrice " + plain(filter.maxPrice()));
    }
    if (!onGrid(price, filter.minPrice(), filter.tickSize())) {
      BigDecimal down =
          roundToGrid(price, filter.minPrice(), filter.tickSize(), RoundingMode.FLOOR);
      BigDecimal up = down.add(filter.tickSize());
      BigDecimal conservative = side == Side.BUY ? down : up;
      return violation(
          "PRICE_FILTER",
          "price "
              + plain(price)
              + " is not a multiple of tickSize "
              + plain(filter.tickSize())
              + "; nearest valid prices are "
              + plain(down)
              + " and "
              + plain(up)
              + " ("
              + plain(conservative)
              + " is the conservative choice for a "
              + side
              + "). The connector does not round prices.");
    }
    return Optional.empty();
  }

  static Optional<FilterViolation> checkQuantity(SymbolRules.LotSize filter, BigDecimal quantity) {
    String name = filter.filterName();
    if (quantity.compareTo(filter.minQty()) < 0) {
      return violation(
          name, "quantity " + plain(quantity) + " is below minQty " + plain(filter.minQty()));
    }
    if (filter.maxQty().signum() > 0 && quantity.compareTo(filter.maxQty()) > 0) {
      return violation(
          name, "quantity " + plain(quantity) + " is above maxQty " + plain(filter.maxQty()));
    }
    if (!onGrid(quantity, filter.minQty(), filter.stepSize())) {
      BigDecimal down =
          roundToGrid(quantity, filter.minQty(), filter.stepSize(), RoundingMode.FLOOR);
      return violation(
          name,
          "quantity "
              + plain(quantity)
              + " is not a multiple of stepSize "
              + plain(filter.stepSize())
              + "; the nearest valid quantity not above it is "
              + plain(down)
              + ". The connector does not round quantities.");
    }
    return Optional.empty();
  }

  static Optional<FilterViolation> checkNotional(SymbolRules.Notional filter, BigDecimal notional) {
    if (filter.minNotional().signum() > 0 && notional.compareTo(filter.minNotional()) < 0) {
      return violation(
          filter.filterName(),
          "notional (price x quantity) "
              + plain(notional)
              + " is below minNotional "
              + plain(filter.minNotional())
              + "; raise the quantity or the price");
    }
    if (filter.maxNotional() != null
        && filter.maxNotional().signum() > 0
        && notional.compareTo(filter.maxNotional()) > 0) {
      return violation(
          filter.filterName(),
          "notional (price x quantity) "
              + plain(notional)
              + " is above maxNotional "
              + plain(filter.maxNotional())
              + "; split the order");
    }
    return Optional.empty();
  }

  /** The nearest valid price that is no worse for the order's side: down for BUY, up for SELL. */
  public static BigDecimal conservativePrice(
      SymbolRules.PriceFilter filter, Side side, BigDecimal price) {
    return roundToGrid(
        price,
        filter.minPrice(),
        filter.tickSize(),
        side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
  }

  /** The nearest valid quantity not above the one asked for. */
  public static BigDecimal conservativeQuantity(SymbolRules.LotSize filter, BigDecimal quantity) {
    return roundToGrid(quantity, filter.minQty(), filter.stepSize(), RoundingMode.FLOOR);
  }

  private static boolean onGrid(BigDecimal value, BigDecimal origin, BigDecimal step) {
    return step.signum() == 0 || value.subtract(origin).remainder(step).signum() == 0;
  }

  private static BigDecimal roundToGrid(
      BigDecimal value, BigDecimal origin, BigDecimal step, RoundingMode mode) {
    if (step.signum() == 0) {
      return value;
    }
    BigDecimal steps = value.subtract(origin).divide(step, 0, mode);
    int scale =
        Math.max(
            0, Math.max(step.stripTrailingZeros().scale(), origin.stripTrailingZeros().scale()));
    return origin.add(steps.multiply(step)).setScale(scale, RoundingMode.UNNECESSARY);
  }

  private static Optional<FilterViolation> violation(String filter, String message) {
    return Optional.of(new FilterViolation(filter, filter + ": " + message));
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
