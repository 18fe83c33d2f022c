package io.alphintra.brokersimulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The price ladder against a {@link TreeMap} model on a seeded random walk of level inserts and
 * removals: the cached best level never disagrees with the index, and pooled levels never carry
 * another price's state.
 */
class BookSideTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Side.class)
  void cachedBestLevelAlwaysMatchesTheSortedIndex(Side side) {
    SplittableRandom random = new SplittableRandom(side == Side.BUY ? 11 : 12);
    BookSide book = new BookSide(side);
    TreeMap<Long, PriceLevel> model =
        new TreeMap<>(
            side == Side.BUY ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
    for (int op = 0; op < 100_000; op++) {
      // Mostly near a drifting mid, sometimes far away: inserts at the top, the bottom and between.
      long price =
          random.nextInt(20) == 0 ? 1 + random.nextInt(100_000) : 50_000 + random.nextInt(-60, 61);
      if (random.nextInt(100) < 55) {
        PriceLevel level = book.levelFor(price);
        assertThat(level.priceTicks).isEqualTo(price);
        PriceLevel known = model.putIfAbsent(price, level);
        if (known == null) {
          assertThat(level.orderCount).as("a reused level starts empty").isZero();
          assertThat(level.totalLots).isZero();
          level.totalLots = price;
        } else {
          assertThat(level).isSameAs(known);
        }
      } else if (!model.isEmpty()) {
        Long key = random.nextBoolean() ? model.firstKey() : model.ceilingKey(price);
        if (key != null) {
          book.removeLevel(model.remove(key));
        }
      }

      Map.Entry<Long, PriceLevel> best = model.firstEntry();
      assertThat(book.best()).isSameAs(best == null ? null : best.getValue());
      assertThat(book.levelCount()).isEqualTo(model.size());
      if (op % 5_000 == 0) {
        int rank = 0;
        for (PriceLevel level : model.values()) {
          assertThat(book.level(rank++)).isSameAs(level);
          assertThat(level.totalLots).isEqualTo(level.priceTicks);
        }
      }
    }
  }

  @Test
  void aPriceThatEmptiesAndRefillsKeepsItsSlotAndVacantSlotsAreDroppedInsteadOfGrowing() {
    BookSide asks = new BookSide(Side.SELL);
    PriceLevel at100 = asks.levelFor(100);
    PriceLevel at101 = asks.levelFor(101);
    asks.removeLevel(at100);

    assertThat(asks.best()).isSameAs(at101);
    assertThat(asks.levelCount()).isEqualTo(1);
    assertThat(asks.slotCount()).as("the emptied price keeps its slot").isEqualTo(2);
    PriceLevel again = asks.levelFor(100);
    assertThat(asks.slotCount()).isEqualTo(2);
    assertThat(asks.best()).isSameAs(again);
    assertThat(asks.depth(5)).extracting(level -> level[0]).containsExactly(100L, 101L);

    // 64 live levels wandering over 10,000 prices: the slots stay within a small multiple of them.
    BookSide bids = new BookSide(Side.BUY);
    ArrayDeque<PriceLevel> live = new ArrayDeque<>();
    for (long price = 1; price <= 10_000; price++) {
      live.addLast(bids.levelFor(price));
      if (live.size() > 64) {
        bids.removeLevel(live.pollFirst());
      }
      assertThat(bids.best().priceTicks).isEqualTo(price);
      assertThat(bids.levelCount()).isEqualTo(live.size());
      assertThat(bids.slotCount()).isLessThanOrEqualTo(256);
    }
    assertThat(bids.level(63)).isSameAs(live.peekFirst());
  }

  @Test
  void onceTheArrayIsFullANewPriceTakesTheNearestVacantSlotInsteadOfGrowingIt() {
    // 40 live levels wandering up and down over fresh prices: once the 64 slots are full (and at
    // least a quarter of them vacant), every new price reuses a vacant slot; nothing compacts.
    SplittableRandom random = new SplittableRandom(7);
    BookSide asks = new BookSide(Side.SELL);
    TreeMap<Long, PriceLevel> model = new TreeMap<>();
    long mid = 1_000_000;
    for (int op = 0; op < 20_000; op++) {
      mid += random.nextInt(-3, 4);
      long price = mid + random.nextInt(-200, 201);
      if (model.containsKey(price)) {
        continue;
      }
      PriceLevel level = asks.levelFor(price);
      assertThat(level.orderCount).isZero();
      model.put(price, level);
      if (model.size() > 40) {
        // Empty the level farthest from the new price, so vacant slots are on both sides.
        long farthest =
            price - model.firstKey() > model.lastKey() - price ? model.firstKey() : model.lastKey();
        asks.removeLevel(model.remove(farthest));
      }
      assertThat(asks.slotCount()).isLessThanOrEqualTo(64);
      assertThat(asks.best()).isSameAs(model.firstEntry().getValue());
      assertThat(asks.levelCount()).isEqualTo(model.size());
      if (op % 1_000 == 0) {
        int rank = 0;
        for (PriceLevel live : model.values()) {
          assertThat(asks.level(rank++)).isSameAs(live);
        }
      }
    }
  }
}
