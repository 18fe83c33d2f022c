package io.alphintra.brokersimulator.engine;

import static io.alphintra.brokersimulator.engine.EngineFixture.BTC;
import static io.alphintra.brokersimulator.engine.EngineFixture.BTCUSDT;
import static io.alphintra.brokersimulator.engine.EngineFixture.USDT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-place move of a resting order: priority, matching as a taker, locked funds, refusals. */
class MoveOrderTest {

  private static final long RICH = 1_000_000_000_000L;

  private final EngineFixture fixture = new EngineFixture();
  private final MatchingEngine engine = fixture.engine;
  private final int alice = fixture.fundedAccount(RICH, RICH);
  private final int bob = fixture.fundedAccount(RICH, RICH);
  private final int carol = fixture.fundedAccount(RICH, RICH);

  @Test
  void aLowerQuantityAtTheSamePriceKeepsTimePriority() {
    long first = sell(alice, 100, 5);
    long second = sell(bob, 100, 5);

    CommandResult moved = engine.moveOrder(alice, first, 100, 3);

    assertThat(moved.isRejected()).isFalse();
    assertThat(moved.orderId()).isEqualTo(first);
    assertThat(fixture.account(alice).locked(BTC)).isEqualTo(BTCUSDT.baseUnits(3));
    engine.place(NewOrder.limit(carol, Side.BUY, TimeInForce.IOC, 100, 3));
    assertThat(fixture.tape).extracting(Trade::sellerOrderId).containsExactly(first);
    assertThat(engine.find(alice, first).status()).isEqualTo(OrderStatus.FILLED);
    assertThat(engine.find(bob, second).remainingLots()).isEqualTo(5);
  }

  @Test
  void aNewPriceLosesTimePriorityAndKeepsTheOrderId() {
    long first = sell(alice, 101, 5);
    long second = sell(bob, 100, 5);

    CommandResult moved = engine.moveOrder(alice, first, 100, 5);

    assertThat(moved.orderId()).isEqualTo(first);
    assertThat(engine.depth(5).asks())
        .singleElement()
        .satisfies(level -> assertThat(level).containsExactly(100, 10));
    engine.place(NewOrder.limit(carol, Side.BUY, TimeInForce.IOC, 100, 6));
    assertThat(fixture.tape).extracting(Trade::sellerOrderId).containsExactly(second, first);
    assertThat(engine.find(alice, first).priceTicks()).isEqualTo(100);
    assertThat(engine.find(alice, first).remainingLots()).isEqualTo(4);
  }

  @Test
  void aHigherQuantityAtTheSamePriceLosesPriorityAndLocksMore() {
    long first = buy(alice, 100, 2);
    long second = buy(bob, 100, 2);

    engine.moveOrder(alice, first, 100, 4);

    assertThat(fixture.account(alice).locked(USDT)).isEqualTo(BTCUSDT.quoteUnits(100, 4));
    engine.place(NewOrder.limit(carol, Side.SELL, TimeInForce.IOC, 100, 3));
    assertThat(fixture.tape).extracting(Trade::buyerOrderId).containsExactly(second, first);
  }

  @Test
  void aPriceMoveToTheSamePriceGoesToTheBackOfTheQueueAsExchangeCoresMove() {
    long first = sell(alice, 100, 5);
    long second = sell(bob, 100, 5);

    CommandResult moved = engine.movePrice(alice, first, 100);

    assertThat(moved.orderId()).isEqualTo(first);
    engine.place(NewOrder.limit(carol, Side.BUY, TimeInForce.IOC, 100, 1));
    assertThat(fixture.tape).extracting(Trade::sellerOrderId).containsExactly(second);
  }

  @Test
  void aMoveAcrossTheSpreadTradesAsATakerAtTheMakersPriceAndFreesThePriceImprovement() {
    long maker = sell(bob, 100, 2);
    long order = buy(alice, 95, 5);
    long usdtBefore = total(alice, USDT);

    CommandResult moved = engine.movePrice(alice, order, 102);

    assertThat(moved.orderId()).isEqualTo(order);
    assertThat(moved.fillCount()).isEqualTo(1);
    assertThat(moved.fillPriceTicks(0)).isEqualTo(100);
    assertThat(moved.fillLots(0)).isEqualTo(2);
    assertThat(moved.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(engine.find(bob, maker).status()).isEqualTo(OrderStatus.FILLED);
    assertThat(fixture.tape)
        .singleElement()
        .satisfies(
            trade -> {
              assertThat(trade.buyerOrderId()).isEqualTo(order);
              assertThat(trade.buyerIsMaker()).isFalse();
            });
    OrderSnapshot resting = engine.find(alice, order);
    assertThat(resting.priceTicks()).isEqualTo(102);
    assertThat(resting.originalLots()).isEqualTo(5);
    assertThat(resting.executedLots()).isEqualTo(2);
    assertThat(fixture.account(alice).locked(USDT)).isEqualTo(BTCUSDT.quoteUnits(102, 3));
    assertThat(total(alice, USDT)).isEqualTo(usdtBefore - BTCUSDT.quoteUnits(100, 2));
    assertThat(engine.bestPrice(Side.BUY)).isEqualTo(102);
    assertThat(engine.bestPrice(Side.SELL)).isZero();
  }

  @Test
  void aMoveThatCannotBeFundedIsRefusedAndLeavesTheOrderAsItWas() {
    int poor = fixture.fundedAccount(0, BTCUSDT.quoteUnits(100, 5));
    long order = buy(poor, 100, 5);
    long behind = buy(bob, 100, 5);

    CommandResult moved = engine.moveOrder(poor, order, 101, 5);

    assertThat(moved.rejection()).isEqualTo(Rejection.INSUFFICIENT_BALANCE);
    assertThat(engine.find(poor, order).priceTicks()).isEqualTo(100);
    assertThat(fixture.account(poor).locked(USDT)).isEqualTo(BTCUSDT.quoteUnits(100, 5));
    engine.place(NewOrder.limit(carol, Side.SELL, TimeInForce.IOC, 100, 1));
    assertThat(fixture.tape).extracting(Trade::buyerOrderId).containsExactly(order);
    assertThat(engine.find(bob, behind).remainingLots()).isEqualTo(5);

    CommandResult down = engine.moveOrder(poor, order, 90, 4);
    assertThat(down.isRejected()).isFalse();
    assertThat(fixture.account(poor).locked(USDT)).isEqualTo(BTCUSDT.quoteUnits(90, 4));
    assertThat(fixture.account(poor).free(USDT))
        .isEqualTo(BTCUSDT.quoteUnits(100, 4) - BTCUSDT.quoteUnits(90, 4));
  }

  @Test
  void aLimitMakerOrderIsNotMovedWhereItWouldTake() {
    sell(bob, 100, 5);
    long maker =
        engine
            .place(
                new NewOrder(alice, null, Side.BUY, OrderType.LIMIT_MAKER, TimeInForce.GTC, 98, 2))
            .order()
            .orderId();

    assertThat(engine.movePrice(alice, maker, 100).rejection())
        .isEqualTo(Rejection.POST_ONLY_WOULD_TAKE);
    assertThat(engine.find(alice, maker).priceTicks()).isEqualTo(98);
    assertThat(engine.movePrice(alice, maker, 99).isRejected()).isFalse();
    assertThat(engine.bestPrice(Side.BUY)).isEqualTo(99);
    assertThat(fixture.account(alice).locked(USDT)).isEqualTo(BTCUSDT.quoteUnits(99, 2));
  }

  @Test
  void aMoveOntoTheOwnersOtherSideExpiresTheMovedOrderAsTheTaker() {
    long ownAsk = sell(alice, 100, 2);
    long order = buy(alice, 95, 3);

    CommandResult moved = engine.movePrice(alice, order, 100);

    assertThat(moved.status()).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
    assertThat(moved.fillCount()).isZero();
    assertThat(engine.find(alice, ownAsk).status()).isEqualTo(OrderStatus.NEW);
    assertThat(fixture.account(alice).locked(USDT)).isZero();
    assertThat(engine.restingOrderCount()).isEqualTo(1);
  }

  @Test
  void aMovedOrderStaysIndexedWhileItRestsAndLeavesTheIndexOnceFilled() {
    long ask = sell(bob, 101, 2);
    long bid = buy(alice, 95, 5);

    engine.movePrice(alice, bid, 97);
    assertThat(engine.restingOrderCount()).isEqualTo(2);
    assertThat(engine.find(alice, bid).priceTicks()).isEqualTo(97);
    CommandResult filled = engine.movePrice(bob, ask, 97);

    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(engine.restingOrderCount()).isEqualTo(1);
    assertThat(engine.cancelOrder(bob, ask).rejection()).isEqualTo(Rejection.UNKNOWN_ORDER);
    assertThat(engine.find(bob, ask).status()).isEqualTo(OrderStatus.FILLED);
    assertThat(engine.cancelOrder(alice, bid).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(engine.restingOrderCount()).isZero();
  }

  @Test
  void anUnknownOrAnotherAccountsOrderIsNotMoved() {
    long order = sell(alice, 100, 5);

    assertThat(engine.movePrice(bob, order, 99).rejection()).isEqualTo(Rejection.UNKNOWN_ORDER);
    assertThat(engine.moveOrder(alice, order + 1, 99, 1).rejection())
        .isEqualTo(Rejection.UNKNOWN_ORDER);
    engine.cancelOrder(alice, order);
    assertThat(engine.movePrice(alice, order, 99).rejection()).isEqualTo(Rejection.UNKNOWN_ORDER);
  }

  @Test
  void theOwnerHearsTheMoveAsReplaced() {
    List<OrderUpdate> updates = new ArrayList<>();
    EngineFixture listening = new EngineFixture();
    int trader = listening.fundedAccount(RICH, RICH);
    MatchingEngine recorded =
        new MatchingEngine(
            BTCUSDT,
            listening.ledger,
            new MarketEventListener() {
              @Override
              public boolean followsAccount(int accountId) {
                return true;
              }

              @Override
              public void onOrderUpdate(OrderUpdate update) {
                updates.add(update);
              }
            },
            () -> 7,
            16);
    long id =
        recorded
            .place(NewOrder.limit(trader, Side.SELL, TimeInForce.GTC, 100, 5))
            .order()
            .orderId();

    recorded.moveOrder(trader, id, 104, 2);

    assertThat(updates)
        .extracting(OrderUpdate::executionType)
        .containsExactly(ExecutionType.NEW, ExecutionType.REPLACED);
    assertThat(updates.get(1).order().priceTicks()).isEqualTo(104);
    assertThat(updates.get(1).order().originalLots()).isEqualTo(2);
  }

  private long total(int account, int asset) {
    return fixture.account(account).free(asset) + fixture.account(account).locked(asset);
  }

  private long sell(int account, long price, long lots) {
    return engine
        .place(NewOrder.limit(account, Side.SELL, TimeInForce.GTC, price, lots))
        .order()
        .orderId();
  }

  private long buy(int account, long price, long lots) {
    return engine
        .place(NewOrder.limit(account, Side.BUY, TimeInForce.GTC, price, lots))
        .order()
        .orderId();
  }
}
