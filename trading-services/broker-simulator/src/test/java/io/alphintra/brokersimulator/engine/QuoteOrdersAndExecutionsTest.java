package io.alphintra.brokersimulator.engine;

import static io.alphintra.brokersimulator.engine.EngineFixture.BTC;
import static io.alphintra.brokersimulator.engine.EngineFixture.BTCUSDT;
import static io.alphintra.brokersimulator.engine.EngineFixture.USDT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quote-sized MARKET orders, the dry-run check, per-account executions and order history. */
class QuoteOrdersAndExecutionsTest {

  private static final long RICH = 1_000_000_000_000L;

  private final EngineFixture fixture = new EngineFixture();
  private final MatchingEngine engine = fixture.engine;
  private final int alice = fixture.fundedAccount(RICH, RICH);
  private final int bob = fixture.fundedAccount(RICH, RICH);

  @Test
  void aQuoteSizedBuySpendsNoMoreThanItsBudget() {
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 5));
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 101, 5));
    long budget = BTCUSDT.quoteUnits(100, 5) + BTCUSDT.quoteUnits(101, 2) + 500;

    ExecutionReport report = engine.place(NewOrder.marketByQuote(bob, "q1", Side.BUY, budget));

    assertThat(report.order().status()).isEqualTo(OrderStatus.FILLED);
    assertThat(report.order().executedLots()).isEqualTo(7);
    assertThat(report.order().cumulativeQuoteUnits()).isEqualTo(budget - 500);
    assertThat(report.order().origQuoteOrderQtyUnits()).isEqualTo(budget);
    assertThat(fixture.account(bob).locked(USDT)).isZero();
  }

  @Test
  void aQuoteSizedSellReceivesNoMoreThanItsBudget() {
    engine.place(NewOrder.limit(alice, Side.BUY, TimeInForce.GTC, 100, 3));
    engine.place(NewOrder.limit(alice, Side.BUY, TimeInForce.GTC, 99, 3));

    ExecutionReport report =
        engine.place(
            NewOrder.marketByQuote(
                bob, "q2", Side.SELL, BTCUSDT.quoteUnits(100, 3) + BTCUSDT.quoteUnits(99, 1)));

    assertThat(report.order().status()).isEqualTo(OrderStatus.FILLED);
    assertThat(report.order().executedLots()).isEqualTo(4);
    assertThat(fixture.account(bob).locked(BTC)).isZero();
  }

  @Test
  void aBudgetBeyondTheBookTakesEveryLevelAndExpires() {
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 2));

    ExecutionReport report = engine.place(NewOrder.marketByQuote(bob, "q3", Side.BUY, RICH));

    assertThat(report.order().status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(report.order().executedLots()).isEqualTo(2);
    assertThat(engine.bestPrice(Side.SELL)).isZero();
    assertThat(fixture.account(bob).locked(USDT)).isZero();
  }

  @Test
  void aQuoteSizedOrderOnAnEmptySideIsRejected() {
    ExecutionReport report = engine.place(NewOrder.marketByQuote(bob, "q4", Side.BUY, 1_000_000));

    assertThat(report.rejection()).isEqualTo(Rejection.INSUFFICIENT_LIQUIDITY);
    assertThat(engine.check(NewOrder.marketByQuote(bob, "q4", Side.BUY, 1_000_000)))
        .isEqualTo(Rejection.INSUFFICIENT_LIQUIDITY);
  }

  @Test
  void checkAnswersWhatPlaceWouldWithoutPlacing() {
    int poor = fixture.fundedAccount(0, BTCUSDT.quoteUnits(100, 1));
    engine.place(new NewOrder(alice, "open", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100, 1));
    int resting = engine.restingOrderCount();

    assertThat(engine.check(NewOrder.limit(poor, Side.BUY, TimeInForce.GTC, 99, 1))).isNull();
    assertThat(engine.check(NewOrder.limit(poor, Side.BUY, TimeInForce.GTC, 99, 2)))
        .isEqualTo(Rejection.INSUFFICIENT_BALANCE);
    assertThat(
            engine.check(
                new NewOrder(bob, null, Side.BUY, OrderType.LIMIT_MAKER, TimeInForce.GTC, 100, 1)))
        .isEqualTo(Rejection.POST_ONLY_WOULD_TAKE);
    assertThat(
            engine.check(
                new NewOrder(alice, "open", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 101, 1)))
        .isEqualTo(Rejection.DUPLICATE_CLIENT_ORDER_ID);
    assertThat(engine.restingOrderCount()).isEqualTo(resting);
    assertThat(fixture.account(poor).locked(USDT)).isZero();
  }

  @Test
  void everyTradeReportsAnExecutionToEachSideWithItsCommission() {
    long maker =
        engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 5)).order().orderId();
    long taker =
        engine.place(NewOrder.limit(bob, Side.BUY, TimeInForce.GTC, 100, 5)).order().orderId();

    assertThat(fixture.executions).hasSize(2);
    Execution buyer = executionOf(bob);
    Execution seller = executionOf(alice);
    assertThat(buyer.accountId()).isEqualTo(bob);
    assertThat(buyer.orderId()).isEqualTo(taker);
    assertThat(buyer.buyer()).isTrue();
    assertThat(buyer.maker()).isFalse();
    assertThat(buyer.commissionAsset()).isEqualTo(BTC);
    assertThat(buyer.commissionUnits()).isEqualTo(BTCUSDT.baseUnits(5) * 2_000 / 1_000_000);
    assertThat(seller.accountId()).isEqualTo(alice);
    assertThat(seller.orderId()).isEqualTo(maker);
    assertThat(seller.maker()).isTrue();
    assertThat(seller.commissionAsset()).isEqualTo(USDT);
    assertThat(seller.commissionUnits()).isEqualTo(BTCUSDT.quoteUnits(100, 5) * 1_000 / 1_000_000);
    assertThat(buyer.tradeId()).isEqualTo(seller.tradeId());
    assertThat(buyer.priceTicks()).isEqualTo(100);
    assertThat(buyer.quantityLots()).isEqualTo(5);
  }

  private Execution executionOf(int account) {
    return fixture.executions.stream()
        .filter(execution -> execution.accountId() == account)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void orderHistoryKeepsEveryOrderPlacedWithAClientOrderId() {
    engine.place(new NewOrder(alice, "a", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 90, 1));
    long canceled =
        engine
            .place(new NewOrder(alice, "b", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 91, 1))
            .order()
            .orderId();
    engine.place(NewOrder.limit(alice, Side.BUY, TimeInForce.GTC, 92, 1));
    engine.cancel(alice, canceled);

    assertThat(engine.orderHistory(alice))
        .extracting(OrderSnapshot::clientOrderId, OrderSnapshot::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", OrderStatus.NEW),
            org.assertj.core.groups.Tuple.tuple("b", OrderStatus.CANCELED));
    assertThat(engine.orderHistory(bob)).isEmpty();
  }
}
