package io.alphintra.brokersimulator.engine;

import static io.alphintra.brokersimulator.engine.EngineFixture.BTC;
import static io.alphintra.brokersimulator.engine.EngineFixture.USDT;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The closed-order ring and its id scan against a plain deque of the last {@code capacity} closed
 * orders' snapshots: every kept order is found under its id with the state it closed in (also after
 * its order object was reused), every evicted one is not, before and after the ring wraps; the ring
 * names each evicted API order so the engine can drop its other references.
 */
class RecentlyClosedTest {

  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {0, 1, 7, 64})
  void findsExactlyTheLastClosedOrdersByIdAcrossWraps(int capacity) {
    RecentlyClosed ring = new RecentlyClosed(capacity);
    ArrayDeque<OrderSnapshot> expected = new ArrayDeque<>();
    SplittableRandom random = new SplittableRandom(capacity);
    // One object for every close: the ring must keep copies, not the object.
    Order order = new Order();
    long nextId = 1;

    for (int closed = 1; closed <= 1_000; closed++) {
      // Ids close out of order, as resting orders do.
      long id = nextId + random.nextInt(5);
      nextId = id + 1;
      String clientOrderId = random.nextInt(3) == 0 ? "api-" + id : null;
      order.init(
          id,
          1 + random.nextInt(1_000),
          clientOrderId,
          random.nextBoolean() ? Side.BUY : Side.SELL,
          OrderType.values()[random.nextInt(OrderType.values().length)],
          TimeInForce.values()[random.nextInt(TimeInForce.values().length)],
          1 + random.nextInt(100_000),
          1 + random.nextInt(50),
          random.nextInt(2) * random.nextLong(1, 1L << 40),
          closed);
      order.executedLots = random.nextLong(order.originalLots + 1);
      order.cumulativeQuoteUnits = random.nextLong(1L << 50);
      order.status = OrderStatus.values()[random.nextInt(OrderStatus.values().length)];
      order.updateTimeMillis = closed + random.nextInt(100);

      long evicted = ring.add(order);

      expected.addLast(order.snapshot("BTCUSDT"));
      OrderSnapshot expectedEvicted = expected.size() > capacity ? expected.pollFirst() : null;
      long expectedEvictedApiId =
          expectedEvicted == null || expectedEvicted.clientOrderId() == null
              ? 0
              : expectedEvicted.orderId();
      assertThat(evicted).isEqualTo(expectedEvictedApiId);
      assertThat(ring.size()).isEqualTo(expected.size());
      int i = 0;
      for (OrderSnapshot kept : expected) {
        assertThat(ring.idAt(i)).isEqualTo(kept.orderId());
        assertThat(ring.clientOrderIdAt(i)).isEqualTo(kept.clientOrderId());
        assertThat(ring.get("BTCUSDT", i++)).isEqualTo(kept);
        assertThat(ring.find("BTCUSDT", kept.orderId())).isEqualTo(kept);
      }
      if (expectedEvicted != null) {
        assertThat(ring.find("BTCUSDT", expectedEvicted.orderId())).isNull();
      }
      assertThat(ring.find("BTCUSDT", nextId + 100)).isNull();
    }
  }

  @Test
  void anEngineFindsItsLastClosedOrdersWithAndWithoutClientIdsUntilTheRingEvictsThem() {
    Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
    Account trader = ledger.openAccount("trader");
    trader.deposit(BTC, 1_000_000_000L);
    trader.deposit(USDT, 1_000_000_000_000L);
    MatchingEngine engine =
        new MatchingEngine(EngineFixture.BTCUSDT, ledger, MarketEventListener.NONE, () -> 1, 3);
    long[] ids = new long[6];
    for (int i = 0; i < ids.length; i++) {
      // Alternately an API order (client order id) and an internal-flow one.
      String clientOrderId = i % 2 == 0 ? "api-" + i : null;
      ids[i] =
          engine
              .placeOrder(
                  trader.id(), clientOrderId, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1)
              .orderId();
      engine.cancelOrder(trader.id(), ids[i]);
    }

    for (int i = 0; i < 3; i++) {
      assertThat(engine.find(trader.id(), ids[i])).as("evicted order %d", i).isNull();
    }
    for (int i = 3; i < 6; i++) {
      assertThat(engine.find(trader.id(), ids[i]).status()).isEqualTo(OrderStatus.CANCELED);
      assertThat(engine.find(trader.id() + 1, ids[i])).as("another account's").isNull();
    }
    assertThat(engine.findByClientOrderId(trader.id(), "api-0")).isNull();
    assertThat(engine.findByClientOrderId(trader.id(), "api-4").orderId()).isEqualTo(ids[4]);
    assertThat(engine.find(trader.id(), ids[5] + 1)).isNull();
  }
}
