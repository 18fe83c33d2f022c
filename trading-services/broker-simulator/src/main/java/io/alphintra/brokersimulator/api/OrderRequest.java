package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.engine.NewOrder;
import io.alphintra.brokersimulator.engine.OrderType;
import io.alphintra.brokersimulator.engine.Side;
import io.alphintra.brokersimulator.engine.TimeInForce;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A validated new order ({@code POST /api/v3/order}, {@code order/test}, {@code
 * order/cancelReplace}): Binance's parameter rules, then the symbol's filters in the order {@code
 * exchangeInfo} lists them (PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, PERCENT_PRICE_BY_SIDE,
 * NOTIONAL, MAX_NUM_ORDERS), in decimals, then converted to ticks and lots. What the venue does not
 * offer (stop and take-profit types, iceberg, trailing, pegged orders, other self-trade prevention
 * modes, unknown parameters) is refused, never ignored.
 */
record OrderRequest(NewOrder order, ResponseType responseType) {

  /** Every parameter a new order reads; anything else is refused with -1104. */
  static final Set<String> PARAMETERS =
      Set.of(
          "symbol",
          "side",
          "type",
          "timeInForce",
          "quantity",
          "quoteOrderQty",
          "price",
          "newClientOrderId",
          "stopPrice",
          "trailingDelta",
          "icebergQty",
          "newOrderRespType",
          "selfTradePreventionMode",
          "pegPriceType",
          "pegOffsetValue",
          "pegOffsetType",
          "recvWindow",
          "timestamp",
          "signature");

  private static final int MAX_CLIENT_ORDER_ID_LENGTH = 36;
  private static final String ID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> UNSUPPORTED_TYPES =
      Map.of(
          "STOP_LOSS", "Stop loss orders are not supported for this symbol.",
          "STOP_LOSS_LIMIT", "Stop loss limit orders are not supported for this symbol.",
          "TAKE_PROFIT", "Take profit orders are not supported for this symbol.",
          "TAKE_PROFIT_LIMIT", "Take profit limit orders are not supported for this symbol.");

  /** How much of the order's outcome a new-order response carries. */
  enum ResponseType {
    ACK,
    RESULT,
    FULL
  }

  /**
   * What the filters compare against.
   *
   * @param averagePrice the 5-minute average price, null before the symbol's first trade
   * @param openOrders the account's open orders on the symbol
   */
  record Market(Exchange.Quote quote, BigDecimal averagePrice, int openOrders) {}

  static OrderRequest parse(
      SymbolSpec spec,
      ApiParameters parameters,
      Set<String> accepted,
      int accountId,
      Market market) {
    int read = (int) parameters.names().stream().filter(accepted::contains).count();
    if (read < parameters.names().size()) {
      throw ApiException.unreadParameters(read, parameters.names().size());
    }
    Side side = parseEnum(Side.class, parameters.required("side"), ApiException::invalidSide);
    String typeName = parameters.required("type");
    if (UNSUPPORTED_TYPES.containsKey(typeName)) {
      throw ApiException.notSupportedBySymbol(UNSUPPORTED_TYPES.get(typeName));
    }
    OrderType type = parseEnum(OrderType.class, typeName, ApiException::invalidOrderType);
    rejectUnsupportedFeatures(parameters);
    TimeInForce timeInForce = timeInForce(type, parameters);

    Optional<BigDecimal> quantity = parameters.optionalDecimal("quantity");
    Optional<BigDecimal> quoteOrderQty = parameters.optionalDecimal("quoteOrderQty");
    if (type != OrderType.MARKET && quoteOrderQty.isPresent()) {
      throw ApiException.parameterNotRequired("quoteOrderQty");
    }
    if (type == OrderType.MARKET) {
      if (quantity.isEmpty() && quoteOrderQty.isEmpty()) {
        throw ApiException.eitherParameterMissing("quantity", "quoteOrderQty");
      }
      if (quantity.isPresent() && quoteOrderQty.isPresent()) {
        throw ApiException.parameterNotRequired("quoteOrderQty");
      }
      if (parameters.sent("price")) {
        throw ApiException.parameterNotRequired("price");
      }
    } else if (quantity.isEmpty()) {
      throw ApiException.missingParameter("quantity");
    }

    long priceTicks = 0;
    BigDecimal limitPrice = null;
    if (type != OrderType.MARKET) {
      limitPrice = parameters.requiredDecimal("price");
      priceTicks = spec.ticksOf(limitPrice);
      if (priceTicks < 1 || limitPrice.compareTo(spec.properties().maxPrice()) > 0) {
        throw ApiException.filterFailure("PRICE_FILTER");
      }
    }
    long lots = 0;
    if (quantity.isPresent()) {
      lots = spec.lotsOf(quantity.get());
      if (lots < 1 || quantity.get().compareTo(spec.properties().maxQuantity()) > 0) {
        throw ApiException.filterFailure("LOT_SIZE");
      }
      if (type == OrderType.MARKET
          && quantity.get().compareTo(spec.properties().maxMarketQuantity()) > 0) {
        throw ApiException.filterFailure("MARKET_LOT_SIZE");
      }
    }
    if (limitPrice != null && market.averagePrice() != null) {
      BigDecimal average = market.averagePrice();
      if (limitPrice.compareTo(average.multiply(spec.properties().percentPriceUp())) > 0
          || limitPrice.compareTo(average.multiply(spec.properties().percentPriceDown())) < 0) {
        throw ApiException.filterFailure("PERCENT_PRICE_BY_SIDE");
      }
    }
    checkNotional(spec, type, side, limitPrice, quantity, quoteOrderQty, market);
    if (market.openOrders() >= spec.properties().maxNumOrders()) {
      throw ApiException.filterFailure("MAX_NUM_ORDERS");
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
                        () -> ApiException.missingParameter("newOrderRespType")))
            .orElse(type == OrderType.LIMIT_MAKER ? ResponseType.ACK : ResponseType.FULL);
    NewOrder order =
        quoteOrderQty.isPresent()
            ? NewOrder.marketByQuote(
                accountId, clientOrderId, side, Assets.toUnits(quoteOrderQty.get()))
            : new NewOrder(accountId, clientOrderId, side, type, timeInForce, priceTicks, lots);
    return new OrderRequest(order, responseType);
  }

  private static void rejectUnsupportedFeatures(ApiParameters parameters) {
    if (parameters.sent("icebergQty")) {
      throw ApiException.notSupportedBySymbol("Iceberg orders are not supported for this symbol.");
    }
    if (parameters.sent("trailingDelta")) {
      throw ApiException.notSupportedBySymbol(
          "Trailing stop orders are not supported for this symbol.");
    }
    if (parameters.sent("pegPriceType")
        || parameters.sent("pegOffsetValue")
        || parameters.sent("pegOffsetType")) {
      throw ApiException.notSupportedBySymbol("Pegged orders are not supported for this symbol.");
    }
    if (parameters.sent("stopPrice")) {
      throw ApiException.parameterNotRequired("stopPrice");
    }
    Optional<String> stp = parameters.optional("selfTradePreventionMode");
    if (parameters.sent("selfTradePreventionMode")
        && !stp.map(ExchangeInfo.STP_MODE::equals).orElse(false)) {
      throw ApiException.invalidParameter("selfTradePreventionMode");
    }
  }

  private static TimeInForce timeInForce(OrderType type, ApiParameters parameters) {
    if (type == OrderType.LIMIT) {
      return parseEnum(
          TimeInForce.class, parameters.required("timeInForce"), ApiException::invalidTimeInForce);
    }
    if (parameters.sent("timeInForce")) {
      throw ApiException.timeInForceNotRequired();
    }
    return type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
  }

  private static void checkNotional(
      SymbolSpec spec,
      OrderType type,
      Side side,
      BigDecimal limitPrice,
      Optional<BigDecimal> quantity,
      Optional<BigDecimal> quoteOrderQty,
      Market market) {
    BigDecimal notional;
    if (quoteOrderQty.isPresent()) {
      notional = quoteOrderQty.get();
    } else if (limitPrice != null) {
      notional = limitPrice.multiply(quantity.orElseThrow());
    } else {
      BigDecimal reference =
          market.averagePrice() != null
              ? market.averagePrice()
              : lastOrTouch(spec, side, market.quote());
      if (reference == null) {
        return;
      }
      notional = reference.multiply(quantity.orElseThrow());
    }
    boolean isMarket = type == OrderType.MARKET;
    if (notional.compareTo(spec.properties().minNotional()) < 0
        || (!isMarket && notional.compareTo(spec.properties().maxNotional()) > 0)) {
      throw ApiException.filterFailure("NOTIONAL");
    }
  }

  private static BigDecimal lastOrTouch(SymbolSpec spec, Side side, Exchange.Quote quote) {
    long reference =
        quote.lastTradeTicks() > 0
            ? quote.lastTradeTicks()
            : side == Side.BUY ? quote.bestAskTicks() : quote.bestBidTicks();
    return reference > 0 ? spec.price(reference) : null;
  }

  private static <E extends Enum<E>> E parseEnum(
      Class<E> type, String value, Supplier<ApiException> invalid) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid.get();
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
