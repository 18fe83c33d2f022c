package io.alphintra.brokersimulator.engine;

import static io.alphintra.brokersimulator.engine.EngineFixture.BTC;
import static io.alphintra.brokersimulator.engine.EngineFixture.USDT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Order pooling under heavy churn (orders go back to the pool as they close, and API orders leave a
 * closed-order ring of 64 all the time): a recycled order never aliases one the engine still refers
 * to, and every resting or recently closed order is still found under its own id.
 */
class OrderPoolTest {

  private static final int CLOSED_CAPACITY = 64;

  @Test
  void recycledOrdersNeverAliasLiveOrRecentlyClosedOnes() {
    Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
    int[] accounts = new int[5];
    for (int i = 0; i < accounts.length; i++) {
      Account account = ledger.openAccount("trader-" + i);
      account.deposit(BTC, 1_000_000L * 100_000);
      account.deposit(USDT, 1_000_000L * 1_000 * 1_000);
      accounts[i] = account.id();
    }
    long[] clock = {0};
    MatchingEngine engine =
        new MatchingEngine(
            EngineFixture.BTCUSDT,
            ledger,
            MarketEventListener.NONE,
            () -> ++clock[0],
            CLOSED_CAPACITY);
    SplittableRandom random = new SplittableRandom(5);
    List<long[]> placed = new ArrayList<>();
    int recycled = 0;

    for (int command = 1; command <= 60_000; command++) {
      int account = accounts[random.nextInt(accounts.length)];
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long price = 1_000 + random.nextInt(-10, 11);
      int roll = random.nextInt(100);
      if (roll < 30 && !placed.isEmpty()) {
        long[] target = placed.get(random.nextInt(placed.size()));
        engine.cancelOrder((int) target[0], target[1]);
      } else if (roll < 40 && !placed.isEmpty()) {
        long[] target = placed.get(random.nextInt(placed.size()));
        engine.amendOrder((int) target[0], target[1], 1 + random.nextInt(3));
      } else {
        // Every tenth order comes from the API (a client order id): those are never pooled.
        String clientOrderId = roll % 10 == 0 ? "c" + command : null;
        TimeInForce tif = roll < 80 ? TimeInForce.GTC : TimeInForce.IOC;
        int poolBefore = engine.pool().size();
        CommandResult result =
            engine.placeOrder(
                account, clientOrderId, side, OrderType.LIMIT, tif, price, 1 + random.nextInt(8));
        if (engine.pool().size() < poolBefore) {
          recycled++;
        }
        if (!result.isRejected()) {
          placed.add(new long[] {account, result.orderId()});
          if (placed.size() > 500) {
            placed.remove(0);
          }
        }
      }
      if (command % 250 == 0) {
        assertNothingLiveIsPooled(engine);
      }
    }
    assertThat(recycled).as("the flow must actually reuse pooled orders").isGreaterThan(10_000);
  }

  private static void assertNothingLiveIsPooled(MatchingEngine engine) {
    List<Order> referenced = engine.referencedOrders();
    Set<Order> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(referenced);
    assertThat(distinct).as("one order object per live order").hasSameSizeAs(referenced);
    for (Order order : referenced) {
      assertThat(order.pooled).as("order %d is live but pooled", order.orderId).isFalse();
      OrderSnapshot found = engine.find(order.accountId, order.orderId);
      assertThat(found).as("order %d is findable", order.orderId).isNotNull();
      assertThat(found.orderId()).isEqualTo(order.orderId);
      assertThat(found.status()).isEqualTo(order.status);
    }
    OrderPool pool = engine.pool();
    for (int i = 0; i < pool.size(); i++) {
      Order free = pool.free(i);
      assertThat(free.pooled).isTrue();
      assertThat(free.isResting()).isFalse();
      assertThat(distinct).as("a pooled order is still referenced").doesNotContain(free);
    }
  }

  @Test
  void refusesToTakeBackAnOpenOrderOrTheSameOrderTwice() {
    OrderPool pool = new OrderPool(8);
    Order open = pool.acquire();
    open.init(1, 1, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, 0, 0);
    assertThatThrownBy(() -> pool.release(open)).isInstanceOf(IllegalStateException.class);

    open.status = OrderStatus.CANCELED;
    pool.release(open);
    assertThatThrownBy(() -> pool.release(open)).isInstanceOf(IllegalStateException.class);
    assertThat(pool.acquire()).isSameAs(open);
    assertThat(open.pooled).isFalse();
  }

  @Test
  void anEngineRestsAsManyOrdersAsItsPoolWasFilledWithWithoutAllocatingOne() {
    Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
    Account trader = fundedAccount(ledger);
    MatchingEngine engine =
        new MatchingEngine(EngineFixture.BTCUSDT, ledger, MarketEventListener.NONE, () -> 1, 8, 16);
    OrderPool pool = engine.pool();
    assertThat(pool.size()).as("filled at construction").isEqualTo(16);
    Set<Order> prefilled = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < pool.size(); i++) {
      prefilled.add(pool.free(i));
    }

    for (int i = 0; i < 16; i++) {
      engine.placeOrder(trader.id(), null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10 + i, 1);
    }

    assertThat(pool.size()).isZero();
    assertThat(engine.referencedOrders()).hasSize(16).allMatch(prefilled::contains);
  }

  @Test
  void aClosedFlowOrderIsFoundAsItClosedAfterItsObjectServesTheNextOrder() {
    Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
    Account trader = fundedAccount(ledger);
    MatchingEngine engine =
        new MatchingEngine(EngineFixture.BTCUSDT, ledger, MarketEventListener.NONE, () -> 7, 8, 4);
    long first =
        engine
            .placeOrder(trader.id(), null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 3)
            .orderId();
    Order object = engine.referencedOrders().getFirst();
    engine.cancelOrder(trader.id(), first);
    assertThat(engine.pool().free(engine.pool().size() - 1))
        .as("back in the pool at once")
        .isSameAs(object);

    long second =
        engine
            .placeOrder(trader.id(), null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 20, 5)
            .orderId();

    assertThat(engine.referencedOrders()).singleElement().isSameAs(object);
    assertThat(object.orderId).isEqualTo(second);
    OrderSnapshot closed = engine.find(trader.id(), first);
    assertThat(closed.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(closed.side()).isEqualTo(Side.BUY);
    assertThat(closed.priceTicks()).isEqualTo(10);
    assertThat(closed.originalLots()).isEqualTo(3);
    assertThat(closed.updateTimeMillis()).isEqualTo(7);
    assertThat(engine.find(trader.id(), second).status()).isEqualTo(OrderStatus.NEW);
  }

  private static Account fundedAccount(Ledger ledger) {
    Account trader = ledger.openAccount("trader");
    trader.deposit(BTC, 1_000_000_000L);
    trader.deposit(USDT, 1_000_000_000_000L);
    return trader;
  }
}
