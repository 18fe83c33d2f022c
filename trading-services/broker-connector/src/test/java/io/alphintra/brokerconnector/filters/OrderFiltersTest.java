package io.alphintra.brokerconnector.filters;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokerconnector.order.OrderRequest;
import io.alphintra.brokerconnector.order.OrderType;
import io.alphintra.brokerconnector.order.Side;
import io.alphintra.brokerconnector.order.TimeInForce;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderFiltersTest {

  private static final SymbolRules BTCUSDT =
      new SymbolRules(
          "BTCUSDT",
          true,
          Set.of("LIMIT", "MARKET", "LIMIT_MAKER"),
          new SymbolRules.PriceFilter(
              new BigDecimal("0.01000000"),
              new BigDecimal("1000000.00000000"),
              new BigDecimal("0.01000000")),
          new SymbolRules.LotSize(
              "LOT_SIZE",
              new BigDecimal("0.00001000"),
              new BigDecimal("9000.00000000"),
              new BigDecimal("0.00001000")),
          null,
          new SymbolRules.Notional(
              "NOTIONAL",
              new BigDecimal("5.00000000"),
              true,
              new BigDecimal("9000000.00000000"),
              false));

  @Test
  void acceptsAnOrderOnTheTickAndLotGridAboveMinNotional() {
    assertThat(OrderFilters.check(BTCUSDT, limit(Side.BUY, "60000.01", "0.001"))).isEmpty();
  }

  @Test
  void rejectsAPriceOffTheTickGridNamingPriceFilterAndTheConservativePrice() {
    Optional<FilterViolation> buy =
        OrderFilters.check(BTCUSDT, limit(Side.BUY, "60000.005", "0.001"));
    Optional<FilterViolation> sell =
        OrderFilters.check(BTCUSDT, limit(Side.SELL, "60000.005", "0.001"));

    assertThat(buy).get().extracting(FilterViolation::filter).isEqualTo("PRICE_FILTER");
    assertThat(buy.get().message())
        .contains(
            "tickSize 0.01", "60000 and 60000.01", "60000 is the conservative choice for a BUY");
    assertThat(sell.get().message()).contains("60000.01 is the conservative choice for a SELL");
  }

  @Test
  void rejectsPricesOutsideMinAndMaxPrice() {
    assertThat(OrderFilters.check(BTCUSDT, limit(Side.BUY, "0.001", "1")).get().message())
        .contains("below minPrice 0.01");
    assertThat(OrderFilters.check(BTCUSDT, limit(Side.BUY, "2000000", "0.001")).get().message())
        .contains("above maxPrice");
  }

  @Test
  void rejectsAQuantityOffTheStepGridOfferingTheQuantityRoundedDown() {
    Optional<FilterViolation> violation =
        OrderFilters.check(BTCUSDT, limit(Side.BUY, "60000", "0.000015"));

    assertThat(violation.get().filter()).isEqualTo("LOT_SIZE");
    assertThat(violation.get().message()).contains("stepSize 0.00001", "not above it is 0.00001");
  }

  @Test
  void rejectsQuantitiesBelowMinQtyAndAboveMaxQty() {
    assertThat(OrderFilters.check(BTCUSDT, limit(Side.BUY, "60000", "0.000001")).get().message())
        .contains("below minQty");
    assertThat(OrderFilters.check(BTCUSDT, limit(Side.BUY, "1", "9001")).get().message())
        .contains("above maxQty");
  }

  @Test
  void rejectsANotionalBelowMinNotionalForLimitOrders() {
    Optional<FilterViolation> violation =
        OrderFilters.check(BTCUSDT, limit(Side.BUY, "1.00", "4.99"));

    assertThat(violation.get().filter()).isEqualTo("NOTIONAL");
    assertThat(violation.get().message()).contains("4.99 is below minNotional 5");
  }

  @Test
  void leavesMarketOrderNotionalToTheVenueButChecksTheirQuantity() {
    OrderRequest tinyMarket =
        new OrderRequest(
            "m-1",
            "BTCUSDT",
            Side.BUY,
            OrderType.MARKET,
            null,
            new BigDecimal("0.00001"),
            null,
            null);
    OrderRequest offGrid =
        new OrderRequest(
            "m-2",
            "BTCUSDT",
            Side.BUY,
            OrderType.MARKET,
            null,
            new BigDecimal("0.000011"),
            null,
            null);

    assertThat(OrderFilters.check(BTCUSDT, tinyMarket)).isEmpty();
    assertThat(OrderFilters.check(BTCUSDT, offGrid).get().filter()).isEqualTo("LOT_SIZE");
  }

  @Test
  void refusesOrderTypesTheSymbolDoesNotAccept() {
    SymbolRules limitOnly =
        new SymbolRules("X", true, Set.of("LIMIT"), BTCUSDT.price(), BTCUSDT.lotSize(), null, null);
    OrderRequest maker =
        new OrderRequest(
            "x", "X", Side.BUY, OrderType.LIMIT_MAKER, null, BigDecimal.ONE, BigDecimal.TEN, null);

    assertThat(OrderFilters.check(limitOnly, maker).get().filter()).isEqualTo("SYMBOL");
  }

  @Test
  void roundsConservativelyWhenAskedBuyDownSellUpQuantityDown() {
    assertThat(OrderFilters.conservativePrice(BTCUSDT.price(), Side.BUY, new BigDecimal("100.019")))
        .isEqualByComparingTo("100.01");
    assertThat(
            OrderFilters.conservativePrice(BTCUSDT.price(), Side.SELL, new BigDecimal("100.011")))
        .isEqualByComparingTo("100.02");
    assertThat(OrderFilters.conservativePrice(BTCUSDT.price(), Side.SELL, new BigDecimal("100.02")))
        .isEqualByComparingTo("100.02");
    assertThat(OrderFilters.conservativeQuantity(BTCUSDT.lotSize(), new BigDecimal("0.123459")))
        .isEqualByComparingTo("0.12345");
  }

  @Test
  void measuresTheGridFromMinPriceWhenMinPriceIsOffTheTick() {
    SymbolRules.PriceFilter shifted =
        new SymbolRules.PriceFilter(
            new BigDecimal("0.005"), BigDecimal.ZERO, new BigDecimal("0.01"));

    assertThat(OrderFilters.checkPrice(shifted, Side.BUY, new BigDecimal("1.005"))).isEmpty();
    assertThat(OrderFilters.checkPrice(shifted, Side.BUY, new BigDecimal("1.00"))).isPresent();
    assertThat(OrderFilters.conservativePrice(shifted, Side.BUY, new BigDecimal("1.00")))
        .isEqualByComparingTo("0.995");
  }

  private static OrderRequest limit(Side side, String price, String quantity) {
    return new OrderRequest(
        "c-1",
        "BTCUSDT",
        side,
        OrderType.LIMIT,
        TimeInForce.GTC,
        new BigDecimal(quantity),
        new BigDecimal(price),
        null);
  }
}
