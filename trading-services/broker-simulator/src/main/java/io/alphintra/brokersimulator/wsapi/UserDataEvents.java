package io.alphintra.brokersimulator.wsapi;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.engine.ExecutionType;
import io.alphintra.brokersimulator.engine.Fill;
import io.alphintra.brokersimulator.engine.OrderSnapshot;
import io.alphintra.brokersimulator.engine.OrderType;
import io.alphintra.brokersimulator.engine.OrderUpdate;
import io.alphintra.brokersimulator.engine.TimeInForce;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** User-data events with Binance's field names and field order. */
final class UserDataEvents {

  private static final String ZERO = BigDecimal.ZERO.setScale(Assets.SCALE).toPlainString();

  private UserDataEvents() {}

  static Map<String, Object> executionReport(
      SymbolSpec spec, Assets assets, OrderUpdate update, long executionId, long eventTime) {
    OrderSnapshot order = update.order();
    Fill fill = update.fill();
    boolean onBook =
        order.status().isOpen()
            && order.type() != OrderType.MARKET
            && order.timeInForce() == TimeInForce.GTC;
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "executionReport");
    event.put("E", eventTime);
    event.put("s", order.symbol());
    event.put("c", order.clientOrderId());
    event.put("S", order.side().name());
    event.put("o", order.type().name());
    event.put("f", order.timeInForce().name());
    event.put("q", spec.quantity(order.originalLots()).toPlainString());
    event.put(
        "p",
        order.type() == OrderType.MARKET ? ZERO : spec.price(order.priceTicks()).toPlainString());
    event.put("P", ZERO);
    event.put("F", ZERO);
    event.put("g", -1);
    event.put("C", update.executionType() == ExecutionType.CANCELED ? order.clientOrderId() : "");
    event.put("x", update.executionType().name());
    event.put("X", order.status().name());
    event.put("r", "NONE");
    event.put("i", order.orderId());
    event.put("l", fill == null ? ZERO : spec.quantity(fill.quantityLots()).toPlainString());
    event.put("z", spec.quantity(order.executedLots()).toPlainString());
    event.put("L", fill == null ? ZERO : spec.price(fill.priceTicks()).toPlainString());
    event.put("n", fill == null ? "0" : Assets.fromUnits(fill.commissionUnits()).toPlainString());
    event.put("N", fill == null ? null : assets.name(fill.commissionAsset()));
    event.put("T", update.transactTimeMillis());
    event.put("t", fill == null ? -1 : fill.tradeId());
    event.put("I", executionId);
    event.put("w", onBook);
    event.put("m", fill != null && fill.maker());
    event.put("M", false);
    event.put("O", order.timeMillis());
    event.put("Z", Assets.fromUnits(order.cumulativeQuoteUnits()).toPlainString());
    event.put(
        "Y",
        fill == null
            ? ZERO
            : Assets.fromUnits(spec.instrument().quoteUnits(fill.priceTicks(), fill.quantityLots()))
                .toPlainString());
    event.put("Q", ZERO);
    if (onBook || order.executedLots() > 0) {
      event.put("W", order.timeMillis());
    }
    event.put("V", "EXPIRE_TAKER");
    return event;
  }

  /** {@code balances} holds base free, base locked, quote free, quote locked in units. */
  static Map<String, Object> accountPosition(
      Assets assets, int base, int quote, long[] balances, long updateTime, long eventTime) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "outboundAccountPosition");
    event.put("E", eventTime);
    event.put("u", updateTime);
    event.put(
        "B",
        List.of(
            balance(assets.name(base), balances[0], balances[1]),
            balance(assets.name(quote), balances[2], balances[3])));
    return event;
  }

  private static Map<String, Object> balance(String asset, long free, long locked) {
    Map<String, Object> balance = new LinkedHashMap<>();
    balance.put("a", asset);
    balance.put("f", Assets.fromUnits(free).toPlainString());
    balance.put("l", Assets.fromUnits(locked).toPlainString());
    return balance;
  }
}
