package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.engine.NewOrder;
import io.alphintra.brokersimulator.engine.OrderType;
import io.alphintra.brokersimulator.engine.Side;
import io.alphintra.brokersimulator.engine.TimeInForce;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * A validated {@code POST /api/v3/order}: Binance's parameter rules and symbol filters
 * (PRICE_FILTER, LOT_SIZE, NOTIONAL) applied in decimals, then converted to ticks and lots.
 */
record OrderRequest(NewOrder order, ResponseType responseType) {

  private static final int MAX_CLIENT_ORDER_ID_LENGTH = 36;
  private static final String ID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How much of the order's outcome a new-order response carries. */
  enum ResponseType {
    ACK,
    RESULT,
    FULL
  }

  static OrderRequest parse(
      SymbolSpec spec, ApiParameters parameters, int accountId, Exchange.Quote quote) {
    Side side = parseEnum(Side.class, parameters.required("side"), ApiException.invalidSide());
    OrderType type =
        parseEnum(OrderType.class, parameters.required("type"), ApiException.invalidOrderType());
    TimeInForce timeInForce =
        switch (type) {
          case LIMIT ->
              parseEnum(
                  TimeInForce.class,
                  parameters.required("timeInForce"),
                  ApiException.invalidTimeInForce());
          case MARKET -> TimeInForce.IOC;
          case LIMIT_MAKER -> TimeInForce.GTC;
        };
    BigDecimal quantity = parameters.requiredDecimal("quantity");
    long lots = spec.lotsOf(quantity);
    if (lots < 1 || quantity.compareTo(spec.properties().maxQuantity()) > 0) {
      throw ApiException.filterFailure("LOT_SIZE");
    }
    long priceTicks = 0;
    BigDecimal notionalPrice;
    if (type == OrderType.MARKET) {
      long reference =
          quote.lastTradeTicks() > 0
              ? quote.lastTradeTicks()
              : side == Side.BUY ? quote.bestAskTicks() : quote.bestBidTicks();
      notionalPrice = reference > 0 ? spec.price(reference) : null;
    } else {
      BigDecimal price = parameters.requiredDecimal("price");
      priceTicks = spec.ticksOf(price);
      if (priceTicks < 1 || price.compareTo(spec.properties().maxPrice()) > 0) {
        throw ApiException.filterFailure("PRICE_FILTER");
      }
      notionalPrice = price;
    }
    if (notionalPrice != null) {
      BigDecimal notional = notionalPrice.multiply(quantity);
      if (notional.compareTo(spec.properties().minNotional()) < 0
          || (type != OrderType.MARKET
              && notional.compareTo(spec.properties().maxNotional()) > 0)) {
        throw ApiException.filterFailure("NOTIONAL");
      }
    }
    String clientOrderId =
        parameters.optional("newClientOrderId").orElseGet(OrderRequest::generatedClientOrderId);
    if (clientOrderId.length() > MAX_CLIENT_ORDER_ID_LENGTH) {
      throw ApiException.missingParameter("newClientOrderId");
    }
    ResponseType responseType =
        parameters
            .optional("newOrderRespType")
            .map(
                value ->
                    parseEnum(
                        ResponseType.class,
                        value,
                        ApiException.missingParameter("newOrderRespType")))
            .orElse(type == OrderType.LIMIT_MAKER ? ResponseType.ACK : ResponseType.FULL);
    return new OrderRequest(
        new NewOrder(accountId, clientOrderId, side, type, timeInForce, priceTicks, lots),
        responseType);
  }

  private static <E extends Enum<E>> E parseEnum(
      Class<E> type, String value, ApiException invalid) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid;
    }
  }

  /** Binance generates a random id when the client sends none. */
  private static String generatedClientOrderId() {
    StringBuilder id = new StringBuilder("sim");
    for (int i = 0; i < 19; i++) {
      id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }
}
