package io.alphintra.brokersimulator.engine;

import static io.alphintra.brokersimulator.engine.EngineFixture.BTC;
import static io.alphintra.brokersimulator.engine.EngineFixture.USDT;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokersimulator.account.Account;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomized, seeded command streams (about 1.2 million commands in total) checked against the
 * engine's invariants; a failing seed reproduces exactly.
 */
class MatchingEngineInvariantsTest {

  private static final int COMMANDS_PER_SEED = 250_000;
  private static final int CHECKPOINT_EVERY = 5_000;
  private static final int ACCOUNTS = 6;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 2024})
  void randomOrderFlowKeepsBookBalancesAndQuantitiesConsistent(long seed) {
    Run run = new Run(seed);
    long btcTotal = run.fixture.ledger.totalUnits(BTC);
    long usdtTotal = run.fixture.ledger.totalUnits(USDT);

    for (int i = 1; i <= COMMANDS_PER_SEED; i++) {
      run.step();
      assertThat(run.engine.isBookCrossed())
          .as("book crossed after command %d (seed %d)", i, seed)
          .isFalse();
      if (i % CHECKPOINT_EVERY == 0) {
        assertThat(run.fixture.ledger.totalUnits(BTC)).as("BTC conserved").isEqualTo(btcTotal);
        assertThat(run.fixture.ledger.totalUnits(USDT)).as("USDT conserved").isEqualTo(usdtTotal);
        run.assertNoNegativeBalances();
        run.assertRestingOrdersAddUp();
      }
    }
    assertThat(run.fixture.tape)
        .as("the random flow must actually trade")
        .hasSizeGreaterThan(COMMANDS_PER_SEED / 10);
    assertThat(run.rejections).as("the random flow must hit rejections too").isPositive();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3, 99})
  void replayingTheSameSeedProducesTheSameFills(long seed) {
    Run first = new Run(seed);
    Run second = new Run(seed);
    for (int i = 0; i < 100_000; i++) {
      first.step();
      second.step();
    }

    assertThat(second.fixture.tape).isNotEmpty().isEqualTo(first.fixture.tape);
    assertThat(second.engine.depth(1000))
        .usingRecursiveComparison()
        .isEqualTo(first.engine.depth(1000));
  }

  /** One seeded random command stream against a fresh engine, with its own bookkeeping. */
  private static final class Run {
    final EngineFixture fixture = new EngineFixture();
    final MatchingEngine engine = fixture.engine;
    final SplittableRandom random;
    final int[] accounts = new int[ACCOUNTS];
    final List<Long> ownedOrderIds = new ArrayList<>();
    final Map<Long, Integer> ownerOf = new HashMap<>();
    final Map<Long, Long> expectedOriginal = new HashMap<>();
    final Map<Long, Long> executedOnTape = new HashMap<>();
    int tapeSeen;
    long rejections;

    Run(long seed) {
      random = new SplittableRandom(seed);
      for (int i = 0; i < ACCOUNTS; i++) {
        // Finite funds so insufficient-balance rejections happen too.
        accounts[i] = fixture.fundedAccount(2_000L * 100_000, 2_000L * 1_000 * 1_000);
      }
    }

    void step() {
      int roll = random.nextInt(100);
      if (roll < 15 && !ownedOrderIds.isEmpty()) {
        cancelRandom();
      } else if (roll < 25 && !ownedOrderIds.isEmpty()) {
        amendRandom();
      } else {
        placeRandom(roll);
      }
      recordTape();
    }

    private void placeRandom(int roll) {
      int account = accounts[random.nextInt(ACCOUNTS)];
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long lots = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 20);
      long price = 1_000 + random.nextInt(41) - 20;
      NewOrder order;
      if (roll < 30) {
        order = NewOrder.market(account, side, lots);
      } else if (roll < 38) {
        order = NewOrder.limit(account, side, TimeInForce.IOC, price, lots);
      } else if (roll < 44) {
        order = NewOrder.limit(account, side, TimeInForce.FOK, price, lots);
      } else if (roll < 52) {
        order =
            new NewOrder(account, null, side, OrderType.LIMIT_MAKER, TimeInForce.GTC, price, lots);
      } else {
        order = NewOrder.limit(account, side, TimeInForce.GTC, price, lots);
      }
      ExecutionReport report = engine.place(order);
      if (report.isRejected()) {
        rejections++;
        return;
      }
      OrderSnapshot placed = report.order();
      long filled = report.fills().stream().mapToLong(Fill::quantityLots).sum();
      assertThat(placed.executedLots()).isEqualTo(filled);
      assertThat(placed.executedLots() + placed.remainingLots()).isEqualTo(lots);
      expectedOriginal.put(placed.orderId(), lots);
      if (placed.status().isOpen()) {
        ownedOrderIds.add(placed.orderId());
        ownerOf.put(placed.orderId(), account);
      } else {
        assertThat(placed.status() == OrderStatus.FILLED).isEqualTo(placed.remainingLots() == 0);
      }
    }

    private void cancelRandom() {
      long orderId = ownedOrderIds.get(random.nextInt(ownedOrderIds.size()));
      ExecutionReport report = engine.cancel(ownerOf.get(orderId), orderId);
      if (report.isRejected()) {
        // Already filled by someone else since we last looked.
        assertThat(report.rejection()).isEqualTo(Rejection.UNKNOWN_ORDER);
        forget(orderId);
      } else {
        assertThat(report.order().status()).isEqualTo(OrderStatus.CANCELED);
        forget(orderId);
      }
    }

    private void amendRandom() {
      long orderId = ownedOrderIds.get(random.nextInt(ownedOrderIds.size()));
      OrderSnapshot current = engine.find(ownerOf.get(orderId), orderId);
      if (current == null || !current.status().isOpen()) {
        forget(orderId);
        return;
      }
      long newQty =
          current.executedLots() + 1 + random.nextLong(Math.max(1, current.remainingLots()));
      ExecutionReport report = engine.amendQuantity(ownerOf.get(orderId), orderId, newQty);
      if (newQty < current.originalLots()) {
        assertThat(report.isRejected()).isFalse();
        expectedOriginal.put(orderId, newQty);
      } else {
        assertThat(report.rejection()).isEqualTo(Rejection.INVALID_AMEND_QUANTITY);
      }
    }

    private void forget(long orderId) {
      ownedOrderIds.remove(orderId);
      ownerOf.remove(orderId);
    }

    private void recordTape() {
      List<Trade> tape = fixture.tape;
      for (; tapeSeen < tape.size(); tapeSeen++) {
        Trade trade = tape.get(tapeSeen);
        executedOnTape.merge(trade.buyerOrderId(), trade.quantityLots(), Long::sum);
        executedOnTape.merge(trade.sellerOrderId(), trade.quantityLots(), Long::sum);
      }
    }

    void assertNoNegativeBalances() {
      for (Account account : fixture.ledger.accounts()) {
        for (int asset : new int[] {BTC, USDT}) {
          assertThat(account.free(asset)).isNotNegative();
          assertThat(account.locked(asset)).isNotNegative();
        }
      }
    }

    void assertRestingOrdersAddUp() {
      Map<Integer, long[]> lockedByAccount = new HashMap<>();
      for (OrderSnapshot order : engine.restingOrders()) {
        assertThat(order.originalLots()).isEqualTo(expectedOriginal.get(order.orderId()));
        assertThat(order.executedLots())
            .isEqualTo(executedOnTape.getOrDefault(order.orderId(), 0L));
        assertThat(order.remainingLots()).isPositive();
        long[] locked = lockedByAccount.computeIfAbsent(order.accountId(), id -> new long[2]);
        if (order.side() == Side.BUY) {
          locked[USDT] +=
              EngineFixture.BTCUSDT.quoteUnits(order.priceTicks(), order.remainingLots());
        } else {
          locked[BTC] += EngineFixture.BTCUSDT.baseUnits(order.remainingLots());
        }
      }
      for (int account : accounts) {
        long[] expected = lockedByAccount.getOrDefault(account, new long[2]);
        assertThat(fixture.account(account).locked(BTC)).isEqualTo(expected[BTC]);
        assertThat(fixture.account(account).locked(USDT)).isEqualTo(expected[USDT]);
      }
      long bidLots =
          engine.depth(Integer.MAX_VALUE).bids().stream().mapToLong(level -> level[1]).sum();
      long restingBidLots =
          engine.restingOrders().stream()
              .filter(order -> order.side() == Side.BUY)
              .mapToLong(OrderSnapshot::remainingLots)
              .sum();
      assertThat(bidLots).isEqualTo(restingBidLots);
    }
  }
}
