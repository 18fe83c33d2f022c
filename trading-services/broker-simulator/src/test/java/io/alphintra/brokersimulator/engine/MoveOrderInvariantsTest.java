package io.alphintra.brokersimulator.engine;

import static io.alphintra.brokersimulator.engine.EngineFixture.BTC;
import static io.alphintra.brokersimulator.engine.EngineFixture.BTCUSDT;
import static io.alphintra.brokersimulator.engine.EngineFixture.USDT;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random flows dominated by in-place moves (as exchange-core's benchmark mix is), with a
 * closed-order ring of 64 so orders are recycled all the time: after every command the book is not
 * crossed and each side's cached best price is the one its price index holds; at checkpoints no
 * live order is pooled or aliased, every resting order is findable under its id, locked funds are
 * exactly what the resting orders need and every asset is conserved; the same seed gives the same
 * trades and book.
 */
class MoveOrderInvariantsTest {

  private static final int ACCOUNTS = 8;
  private static final int CLOSED_CAPACITY = 64;
  private static final int CHECKPOINT_EVERY = 500;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 77, 2026})
  void movesKeepTheBookThePoolAndTheLockedFundsConsistent(long seed) {
    Run run = new Run(seed);
    long btcTotal = run.ledger.totalUnits(BTC);
    long usdtTotal = run.ledger.totalUnits(USDT);

    for (int i = 1; i <= 100_000; i++) {
      run.step();
      assertThat(run.engine.isBookCrossed()).as("crossed after command %d", i).isFalse();
      run.assertBestPricesMatchTheIndex(i);
      if (i % CHECKPOINT_EVERY == 0) {
        assertThat(run.ledger.totalUnits(BTC)).as("BTC conserved").isEqualTo(btcTotal);
        assertThat(run.ledger.totalUnits(USDT)).as("USDT conserved").isEqualTo(usdtTotal);
        run.assertNothingLiveIsPooled();
        run.assertLockedFundsAreExact();
      }
    }
    assertThat(run.moves).as("moves must dominate the flow").isGreaterThan(50_000);
    assertThat(run.crossingMoves).as("some moves must trade as takers").isGreaterThan(300);
    assertThat(run.refusedMoves).as("some moves must be refused").isPositive();
    assertThat(run.recycled).as("the flow must reuse pooled orders").isGreaterThan(5_000);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5, 123})
  void replayingTheSameSeedWithMovesProducesTheSameTradesAndBook(long seed) {
    Run first = new Run(seed);
    Run second = new Run(seed);
    for (int i = 0; i < 50_000; i++) {
      first.step();
      second.step();
    }

    assertThat(first.moves).isPositive();
    assertThat(second.tape).isNotEmpty().isEqualTo(first.tape);
    assertThat(second.engine.restingOrders()).isEqualTo(first.engine.restingOrders());
    assertThat(second.engine.depth(1_000))
        .usingRecursiveComparison()
        .isEqualTo(first.engine.depth(1_000));
  }

  /** One seeded random flow against a fresh engine. */
  private static final class Run {
    final Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
    final List<Trade> tape = new ArrayList<>();
    final MatchingEngine engine;
    final SplittableRandom random;
    final int[] accounts = new int[ACCOUNTS];
    final List<long[]> placed = new ArrayList<>();
    long clock;
    int moves;
    int crossingMoves;
    int refusedMoves;
    int recycled;

    Run(long seed) {
      random = new SplittableRandom(seed);
      for (int i = 0; i < ACCOUNTS; i++) {
        Account account = ledger.openAccount("trader-" + i);
        // Finite funds so that moves up are refused now and then.
        account.deposit(BTC, 3_000L * 100_000);
        account.deposit(USDT, 3_000L * 1_000 * 1_000);
        accounts[i] = account.id();
      }
      MarketEventListener recorder =
          new MarketEventListener() {
            @Override
            public void onTrade(Trade trade) {
              tape.add(trade);
            }
          };
      engine = new MatchingEngine(BTCUSDT, ledger, recorder, () -> ++clock, CLOSED_CAPACITY);
    }

    void step() {
      int roll = random.nextInt(100);
      if (roll < 70 && !placed.isEmpty()) {
        move(roll);
      } else if (roll < 75 && !placed.isEmpty()) {
        long[] target = placed.get(random.nextInt(placed.size()));
        engine.cancelOrder((int) target[0], target[1]);
      } else {
        place(roll);
      }
    }

    private void move(int roll) {
      long[] target = placed.get(random.nextInt(placed.size()));
      int account = (int) target[0];
      OrderSnapshot before = engine.find(account, target[1]);
      long price = Math.max(1, 1_000 + random.nextInt(-12, 13));
      int tradesBefore = tape.size();
      CommandResult result;
      if (roll < 40) {
        result = engine.movePrice(account, target[1], price);
      } else {
        long lots = 1 + random.nextInt(random.nextInt(8) == 0 ? 150 : 15);
        if (before != null && random.nextBoolean()) {
          price = before.priceTicks();
        }
        result = engine.moveOrder(account, target[1], price, lots);
      }
      moves++;
      if (result.isRejected()) {
        refusedMoves++;
        return;
      }
      assertThat(result.orderId()).as("a move keeps the order id").isEqualTo(target[1]);
      if (tape.size() > tradesBefore) {
        crossingMoves++;
      }
    }

    private void place(int roll) {
      int account = accounts[random.nextInt(ACCOUNTS)];
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long price = 1_000 + random.nextInt(-10, 11);
      long lots = 1 + random.nextInt(12);
      OrderType type = roll > 95 ? OrderType.LIMIT_MAKER : OrderType.LIMIT;
      TimeInForce tif = roll > 90 && roll <= 95 ? TimeInForce.IOC : TimeInForce.GTC;
      // Some orders come from the API (a client order id): those are never pooled.
      String clientOrderId = roll % 7 == 0 ? "c" + clock : null;
      int poolBefore = engine.pool().size();
      CommandResult result =
          engine.placeOrder(account, clientOrderId, side, type, tif, price, lots);
      if (engine.pool().size() < poolBefore) {
        recycled++;
      }
      if (!result.isRejected() && result.status().isOpen()) {
        placed.add(new long[] {account, result.orderId()});
        if (placed.size() > 300) {
          placed.remove(0);
        }
      }
    }

    /** The cached best of each side against a walk over the price index and its orders. */
    void assertBestPricesMatchTheIndex(int command) {
      long bestBid = 0;
      long bestAsk = 0;
      for (OrderSnapshot order : engine.restingOrders()) {
        if (order.side() == Side.BUY) {
          bestBid = Math.max(bestBid, order.priceTicks());
        } else {
          bestAsk = bestAsk == 0 ? order.priceTicks() : Math.min(bestAsk, order.priceTicks());
        }
      }
      assertThat(engine.bestPrice(Side.BUY)).as("best bid after %d", command).isEqualTo(bestBid);
      assertThat(engine.bestPrice(Side.SELL)).as("best ask after %d", command).isEqualTo(bestAsk);
    }

    void assertNothingLiveIsPooled() {
      List<Order> referenced = engine.referencedOrders();
      Set<Order> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
      distinct.addAll(referenced);
      assertThat(distinct).as("one order object per live order").hasSameSizeAs(referenced);
      for (Order order : referenced) {
        assertThat(order.pooled).as("order %d is live but pooled", order.orderId).isFalse();
        OrderSnapshot found = engine.find(order.accountId, order.orderId);
        assertThat(found).as("order %d is findable", order.orderId).isNotNull();
        assertThat(found.priceTicks()).isEqualTo(order.priceTicks);
        assertThat(found.status()).isEqualTo(order.status);
      }
      assertThat(engine.restingOrders()).hasSize(engine.restingOrderCount());
      OrderPool pool = engine.pool();
      for (int i = 0; i < pool.size(); i++) {
        assertThat(distinct).as("a pooled order is still referenced").doesNotContain(pool.free(i));
      }
    }

    void assertLockedFundsAreExact() {
      Map<Integer, long[]> lockedByAccount = new HashMap<>();
      for (OrderSnapshot order : engine.restingOrders()) {
        assertThat(order.remainingLots()).isPositive();
        long[] locked = lockedByAccount.computeIfAbsent(order.accountId(), id -> new long[2]);
        if (order.side() == Side.BUY) {
          locked[USDT] += BTCUSDT.quoteUnits(order.priceTicks(), order.remainingLots());
        } else {
          locked[BTC] += BTCUSDT.baseUnits(order.remainingLots());
        }
      }
      for (int account : accounts) {
        long[] expected = lockedByAccount.getOrDefault(account, new long[2]);
        assertThat(ledger.account(account).locked(BTC)).as("BTC locked").isEqualTo(expected[BTC]);
        assertThat(ledger.account(account).locked(USDT))
            .as("USDT locked")
            .isEqualTo(expected[USDT]);
        assertThat(ledger.account(account).free(BTC)).isNotNegative();
        assertThat(ledger.account(account).free(USDT)).isNotNegative();
      }
    }
  }
}
