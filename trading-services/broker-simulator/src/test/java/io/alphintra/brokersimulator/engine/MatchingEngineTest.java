package io.alphintra.brokersimulator.engine;

import static io.alphintra.brokersimulator.engine.EngineFixture.BTC;
import static io.alphintra.brokersimulator.engine.EngineFixture.USDT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchingEngineTest {

  private static final long RICH = 1_000_000_000_000L;

  private final EngineFixture fixture = new EngineFixture();
  private final MatchingEngine engine = fixture.engine;
  private final int alice = fixture.fundedAccount(RICH, RICH);
  private final int bob = fixture.fundedAccount(RICH, RICH);
  private final int carol = fixture.fundedAccount(RICH, RICH);

  @Test
  void fillsAgainstTheBestPriceFirstAndThenByTimePriority() {
    long first =
        engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 101, 5)).order().orderId();
    long second =
        engine.place(NewOrder.limit(bob, Side.SELL, TimeInForce.GTC, 100, 5)).order().orderId();
    long third =
        engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 5)).order().orderId();

    ExecutionReport taker = engine.place(NewOrder.limit(carol, Side.BUY, TimeInForce.GTC, 101, 12));

    assertThat(taker.order().status()).isEqualTo(OrderStatus.FILLED);
    assertThat(taker.fills())
        .extracting(Fill::priceTicks, Fill::quantityLots)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(100L, 5L),
            org.assertj.core.groups.Tuple.tuple(100L, 5L),
            org.assertj.core.groups.Tuple.tuple(101L, 2L));
    assertThat(fixture.tape).extracting(Trade::sellerOrderId).containsExactly(second, third, first);
    assertThat(engine.find(alice, first).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(engine.find(alice, first).remainingLots()).isEqualTo(3);
  }

  @Test
  void restsTheUnfilledPartOfAGtcLimitOrder() {
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 2));

    ExecutionReport report = engine.place(NewOrder.limit(bob, Side.BUY, TimeInForce.GTC, 100, 5));

    assertThat(report.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(engine.bestPrice(Side.BUY)).isEqualTo(100);
    assertThat(engine.depth(5).bids())
        .singleElement()
        .satisfies(level -> assertThat(level).containsExactly(100, 3));
  }

  @Test
  void expiresTheRemainderOfAnIocOrder() {
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 2));

    ExecutionReport report = engine.place(NewOrder.limit(bob, Side.BUY, TimeInForce.IOC, 100, 5));

    assertThat(report.order().status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(report.order().executedLots()).isEqualTo(2);
    assertThat(engine.bestPrice(Side.BUY)).isZero();
  }

  @Test
  void fillOrKillExecutesNothingWhenTheBookCannotFillItAll() {
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 2));

    ExecutionReport killed = engine.place(NewOrder.limit(bob, Side.BUY, TimeInForce.FOK, 100, 3));
    ExecutionReport filled = engine.place(NewOrder.limit(bob, Side.BUY, TimeInForce.FOK, 100, 2));

    assertThat(killed.order().status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(killed.fills()).isEmpty();
    assertThat(filled.order().status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void marketOrderWalksTheBookAndExpiresWhatIsLeft() {
    engine.place(NewOrder.limit(alice, Side.BUY, TimeInForce.GTC, 99, 1));
    engine.place(NewOrder.limit(alice, Side.BUY, TimeInForce.GTC, 98, 1));

    ExecutionReport report = engine.place(NewOrder.market(bob, Side.SELL, 5));

    assertThat(report.fills()).extracting(Fill::priceTicks).containsExactly(99L, 98L);
    assertThat(report.order().status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(report.order().executedLots()).isEqualTo(2);
  }

  @Test
  void rejectsAPostOnlyOrderThatWouldTake() {
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 1));

    ExecutionReport taking =
        engine.place(
            new NewOrder(bob, null, Side.BUY, OrderType.LIMIT_MAKER, TimeInForce.GTC, 100, 1));
    ExecutionReport resting =
        engine.place(
            new NewOrder(bob, null, Side.BUY, OrderType.LIMIT_MAKER, TimeInForce.GTC, 99, 1));

    assertThat(taking.rejection()).isEqualTo(Rejection.POST_ONLY_WOULD_TAKE);
    assertThat(resting.order().status()).isEqualTo(OrderStatus.NEW);
  }

  @Test
  void selfTradePreventionExpiresTheTakerAndKeepsTheMaker() {
    long maker =
        engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 1)).order().orderId();

    ExecutionReport taker = engine.place(NewOrder.limit(alice, Side.BUY, TimeInForce.GTC, 100, 1));

    assertThat(taker.order().status()).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
    assertThat(taker.fills()).isEmpty();
    assertThat(engine.find(alice, maker).status()).isEqualTo(OrderStatus.NEW);
    assertThat(engine.isBookCrossed()).isFalse();
  }

  @Test
  void cancelReleasesTheLockedQuote() {
    long before = fixture.account(alice).free(USDT);
    long orderId =
        engine.place(NewOrder.limit(alice, Side.BUY, TimeInForce.GTC, 100, 3)).order().orderId();
    assertThat(fixture.account(alice).locked(USDT)).isEqualTo(100 * 3 * 1_000);

    ExecutionReport canceled = engine.cancel(alice, orderId);

    assertThat(canceled.order().status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(fixture.account(alice).locked(USDT)).isZero();
    assertThat(fixture.account(alice).free(USDT)).isEqualTo(before);
    assertThat(engine.cancel(alice, orderId).rejection()).isEqualTo(Rejection.UNKNOWN_ORDER);
  }

  @Test
  void cannotCancelAnotherAccountsOrder() {
    long orderId =
        engine.place(NewOrder.limit(alice, Side.BUY, TimeInForce.GTC, 100, 3)).order().orderId();

    assertThat(engine.cancel(bob, orderId).rejection()).isEqualTo(Rejection.UNKNOWN_ORDER);
  }

  @Test
  void amendingDownKeepsTimePriority() {
    long first =
        engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 5)).order().orderId();
    engine.place(NewOrder.limit(bob, Side.SELL, TimeInForce.GTC, 100, 5));

    ExecutionReport amended = engine.amendQuantity(alice, first, 2);
    ExecutionReport taker = engine.place(NewOrder.limit(carol, Side.BUY, TimeInForce.IOC, 100, 2));

    assertThat(amended.order().originalLots()).isEqualTo(2);
    assertThat(fixture.tape).singleElement().extracting(Trade::sellerOrderId).isEqualTo(first);
    assertThat(taker.order().status()).isEqualTo(OrderStatus.FILLED);
    assertThat(engine.amendQuantity(bob, first, 1).rejection()).isEqualTo(Rejection.UNKNOWN_ORDER);
  }

  @Test
  void rejectsAnAmendThatDoesNotReduceTheQuantity() {
    long orderId =
        engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 100, 5)).order().orderId();

    assertThat(engine.amendQuantity(alice, orderId, 5).rejection())
        .isEqualTo(Rejection.INVALID_AMEND_QUANTITY);
    assertThat(engine.amendQuantity(alice, orderId, 0).rejection())
        .isEqualTo(Rejection.INVALID_AMEND_QUANTITY);
  }

  @Test
  void rejectsAnOrderTheAccountCannotFund() {
    int poor = fixture.fundedAccount(0, 99_999);

    assertThat(engine.place(NewOrder.limit(poor, Side.BUY, TimeInForce.GTC, 100, 1)).rejection())
        .isEqualTo(Rejection.INSUFFICIENT_BALANCE);
    assertThat(engine.place(NewOrder.limit(poor, Side.SELL, TimeInForce.GTC, 100, 1)).rejection())
        .isEqualTo(Rejection.INSUFFICIENT_BALANCE);
    assertThat(fixture.account(poor).free(USDT)).isEqualTo(99_999);
  }

  @Test
  void rejectsADuplicateClientOrderIdOnlyWhileTheFirstOrderIsOpen() {
    NewOrder order =
        new NewOrder(alice, "my-id", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1);
    long first = engine.place(order).order().orderId();

    assertThat(engine.place(order).rejection()).isEqualTo(Rejection.DUPLICATE_CLIENT_ORDER_ID);
    engine.cancel(alice, first);
    assertThat(engine.place(order).isRejected()).isFalse();
    assertThat(engine.findByClientOrderId(alice, "my-id").orderId()).isNotEqualTo(first);
  }

  @Test
  void chargesMakerAndTakerCommissionsInTheReceivedAssetToTheFeeCollector() {
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 10_000, 10));
    long aliceUsdt = fixture.account(alice).free(USDT);
    long bobBtc = fixture.account(bob).free(BTC);

    ExecutionReport taker =
        engine.place(NewOrder.limit(bob, Side.BUY, TimeInForce.GTC, 10_000, 10));

    long base = 10 * 100_000;
    long quote = 10_000L * 10 * 1_000;
    assertThat(taker.fills())
        .singleElement()
        .extracting(Fill::commissionUnits)
        .isEqualTo(base * 2_000 / 1_000_000);
    assertThat(fixture.account(bob).free(BTC) - bobBtc).isEqualTo(base - base * 2_000 / 1_000_000);
    assertThat(fixture.account(alice).free(USDT) - aliceUsdt)
        .isEqualTo(quote - quote * 1_000 / 1_000_000);
    assertThat(fixture.account(0).free(BTC)).isEqualTo(base * 2_000 / 1_000_000);
    assertThat(fixture.account(0).free(USDT)).isEqualTo(quote * 1_000 / 1_000_000);
  }

  @Test
  void buyerPaysTheMakersBetterPriceAndGetsTheRestOfItsLockBack() {
    engine.place(NewOrder.limit(alice, Side.SELL, TimeInForce.GTC, 90, 1));
    long before = fixture.account(bob).free(USDT);

    engine.place(NewOrder.limit(bob, Side.BUY, TimeInForce.GTC, 100, 1));

    assertThat(before - fixture.account(bob).free(USDT)).isEqualTo(90 * 1_000);
    assertThat(fixture.account(bob).locked(USDT)).isZero();
  }

  @Test
  void commissionRoundsDownWithoutOverflow() {
    assertThat(Settlement.commission(Long.MAX_VALUE / 2, 1_000_000)).isEqualTo(Long.MAX_VALUE / 2);
    assertThat(Settlement.commission(999, 1_000)).isZero();
    assertThat(Settlement.commission(1_000_000, 1_500)).isEqualTo(1_500);
  }
}
