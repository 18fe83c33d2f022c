package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.engine.ExecutionReport;
import io.alphintra.brokersimulator.engine.Fill;
import io.alphintra.brokersimulator.engine.OrderSnapshot;
import io.alphintra.brokersimulator.engine.OrderType;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orders in Binance Spot's JSON shapes; field names and order as Binance prints them. */
final class OrderResponses {

  private static final String STP_MODE = ExchangeInfo.STP_MODE;
  private static final String ZERO = BigDecimal.ZERO.setScale(Assets.SCALE).toPlainString();

  private OrderResponses() {}

  static Map<String, Object> newOrder(
      SymbolSpec spec,
      Assets assets,
      ExecutionReport report,
      OrderRequest.ResponseType responseType) {
    OrderSnapshot order = report.order();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", order.symbol());
    body.put("orderId", order.orderId());
    body.put("orderListId", -1);
    body.put("clientOrderId", order.clientOrderId());
    body.put("transactTime", order.updateTimeMillis());
    if (responseType == OrderRequest.ResponseType.ACK) {
      return body;
    }
    putState(body, spec, order);
    body.put(
        "workingTime",
        order.status().isOpen() || order.executedLots() > 0 ? order.timeMillis() : -1);
    body.put("selfTradePreventionMode", STP_MODE);
    if (responseType == OrderRequest.ResponseType.FULL) {
      body.put("fills", report.fills().stream().map(fill -> fill(spec, assets, fill)).toList());
    }
    return body;
  }

  static Map<String, Object> query(SymbolSpec spec, OrderSnapshot order) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", order.symbol());
    body.put("orderId", order.orderId());
    body.put("orderListId", -1);
    body.put("clientOrderId", order.clientOrderId());
    putState(body, spec, order);
    body.put("stopPrice", ZERO);
    body.put("icebergQty", ZERO);
    body.put("time", order.timeMillis());
    body.put("updateTime", order.updateTimeMillis());
    body.put("isWorking", true);
    // Queries print origQuoteOrderQty after isWorking (new-order and cancel shapes do not).
    body.put("origQuoteOrderQty", body.remove("origQuoteOrderQty"));
    body.put("workingTime", order.timeMillis());
    body.put("selfTradePreventionMode", STP_MODE);
    return body;
  }

  static Map<String, Object> canceled(
      SymbolSpec spec, OrderSnapshot order, String cancelClientOrderId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", order.symbol());
    body.put("origClientOrderId", order.clientOrderId());
    body.put("orderId", order.orderId());
    body.put("orderListId", -1);
    body.put("clientOrderId", cancelClientOrderId);
    body.put("transactTime", order.updateTimeMillis());
    putState(body, spec, order);
    body.put("selfTradePreventionMode", STP_MODE);
    return body;
  }

  static List<Map<String, Object>> queries(SymbolSpec spec, List<OrderSnapshot> orders) {
    return orders.stream().map(order -> query(spec, order)).toList();
  }

  private static void putState(Map<String, Object> body, SymbolSpec spec, OrderSnapshot order) {
    body.put(
        "price",
        order.type() == OrderType.MARKET ? ZERO : spec.price(order.priceTicks()).toPlainString());
    body.put("origQty", spec.quantity(order.originalLots()).toPlainString());
    body.put("executedQty", spec.quantity(order.executedLots()).toPlainString());
    body.put("origQuoteOrderQty", Assets.fromUnits(order.origQuoteOrderQtyUnits()).toPlainString());
    body.put("cummulativeQuoteQty", Assets.fromUnits(order.cumulativeQuoteUnits()).toPlainString());
    body.put("status", order.status().name());
    body.put("timeInForce", order.timeInForce().name());
    body.put("type", order.type().name());
    body.put("side", order.side().name());
  }

  private static Map<String, Object> fill(SymbolSpec spec, Assets assets, Fill fill) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("price", spec.price(fill.priceTicks()).toPlainString());
    body.put("qty", spec.quantity(fill.quantityLots()).toPlainString());
    body.put("commission", Assets.fromUnits(fill.commissionUnits()).toPlainString());
    body.put("commissionAsset", assets.name(fill.commissionAsset()));
    body.put("tradeId", fill.tradeId());
    return body;
  }
}
