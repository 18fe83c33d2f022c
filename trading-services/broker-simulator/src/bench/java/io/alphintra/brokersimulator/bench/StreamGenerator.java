package io.alphintra.brokersimulator.bench;

import exchange.core2.core.common.IOrder;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import java.util.SplittableRandom;

/**
 * Generates a seeded command stream with exchange-core's benchmark mix: first GTC orders until the
 * book holds its target size, then, per command, a 1-in-20 place (a GTC while a side lacks
 * orders, else an aggressive IOC), 1-in-40 cancel, 1-in-40 reduce and the rest price moves that
 * drift resting orders toward the last trade price. Whether an order is still alive is read from
 * an exchange-core order book that runs the stream as it is generated (the oracle), as
 * exchange-core's own generator does.
 */
final class StreamGenerator {

  static final int MID_PRICE = 100_000;
  static final int MIN_PRICE = 90_000;
  static final int MAX_PRICE = 110_000;
  private static final int PRICE_DEVIATION = 400;
  private static final int STATS_EVERY = 64;

  private final SplittableRandom random;
  private final int targetOrdersPerSide;
  private final ExchangeCoreDriver oracle;
  private final CommandStream out;

  // Alive order ids in an array with O(1) swap-remove; positionOf[id] is the index + 1, 0 if dead.
  private final int[] alive;
  private final int[] positionOf;
  private int aliveCount;
  private final int[] orderPrice;
  private final int[] simulatorOriginal;

  private int lastTradePrice = MID_PRICE;
  private int priceDirection;
  private int asks;
  private int bids;
  private int nextOrderId = 1;

  private StreamGenerator(long seed, int capacity, int users, int targetOrders) {
    random = new SplittableRandom(seed);
    targetOrdersPerSide = targetOrders / 2;
    out = new CommandStream(capacity, users);
    oracle = new ExchangeCoreDriver(out);
    alive = new int[capacity + 1];
    positionOf = new int[capacity + 1];
    orderPrice = new int[capacity + 1];
    simulatorOriginal = new int[capacity + 1];
  }

  static CommandStream generate(long seed, int benchmarkCommands, int users, int targetOrders) {
    int capacity = benchmarkCommands + targetOrders * 8;
    StreamGenerator generator = new StreamGenerator(seed, capacity, users, targetOrders);
    return generator.run(benchmarkCommands);
  }

  private CommandStream run(int benchmarkCommands) {
    int i = 0;
    int fillCommands = -1;
    while (fillCommands < 0 || i < fillCommands + benchmarkCommands) {
      if (i % STATS_EVERY == 0) {
        asks = oracle.book().getOrdersNum(OrderAction.ASK);
        bids = oracle.book().getOrdersNum(OrderAction.BID);
        if (fillCommands < 0 && asks >= targetOrdersPerSide && bids >= targetOrdersPerSide) {
          fillCommands = i;
        }
      }
      if (i >= out.kind.length) {
        throw new IllegalStateException("stream capacity too small");
      }
      if (next(i, fillCommands < 0)) {
        oracle.execute(i);
        observe(i);
        i++;
      }
    }
    return out.sealed(i, fillCommands, nextOrderId - 1);
  }

  /** Writes command {@code i}; false when nothing fitting could be drawn (try again). */
  private boolean next(int i, boolean filling) {
    boolean buy = random.nextInt(4) + priceDirection >= 2;
    int lack = targetOrdersPerSide - (buy ? bids : asks);
    boolean refill = filling || lack > targetOrdersPerSide / 4;
    int roll = random.nextInt(lack > 0 ? (refill ? 2 : 10) : 40);
    out.buy[i] = buy;
    if (roll < 2) {
      int id = nextOrderId++;
      out.orderId[i] = id;
      out.user[i] = 1 + random.nextInt(out.users);
      out.size[i] = 1 + random.nextInt(6) * random.nextInt(6) * random.nextInt(6);
      if (lack > 0) {
        out.kind[i] = CommandStream.PLACE_GTC;
        out.price[i] = clamp(lastTradePrice + passiveOffset(buy));
        orderPrice[id] = out.price[i];
        simulatorOriginal[id] = out.size[i];
      } else {
        out.kind[i] = CommandStream.PLACE_IOC;
        out.price[i] = buy ? MAX_PRICE : MIN_PRICE;
      }
      return true;
    }
    if (aliveCount == 0) {
      return false;
    }
    int id = alive[random.nextInt(aliveCount)];
    IOrder resting = oracle.book().getOrderById(id);
    int remaining = (int) (resting.getSize() - resting.getFilled());
    out.orderId[i] = id;
    out.user[i] = (int) resting.getUid();
    out.buy[i] = resting.getAction() == OrderAction.BID;
    if (roll == 2) {
      out.kind[i] = CommandStream.CANCEL;
    } else if (roll == 3) {
      int reduceBy = 1 + random.nextInt(remaining);
      out.kind[i] = CommandStream.REDUCE;
      out.size[i] = reduceBy;
      if (reduceBy < remaining) {
        simulatorOriginal[id] -= reduceBy;
        out.replacementLots[i] = simulatorOriginal[id];
      } else {
        out.replacementLots[i] = 0;
      }
    } else {
      int previous = orderPrice[id];
      // A random walk pulled toward the last trade: most moves stay passive, a few cross.
      int step = (lastTradePrice - previous) / 16 + random.nextInt(-1, 2);
      out.kind[i] = CommandStream.MOVE;
      out.price[i] = clamp(previous + step);
      orderPrice[id] = out.price[i];
    }
    return true;
  }

  /**
   * A passive offset from the last trade price, denser near it; an order at the last trade price
   * itself may still cross the other side.
   */
  private int passiveOffset(boolean buy) {
    int deviation = 1 + (int) (random.nextDouble() * random.nextDouble() * PRICE_DEVIATION);
    int sum = 0;
    for (int k = 0; k < 4; k++) {
      sum += random.nextInt(deviation);
    }
    int offset = Math.abs(sum / 2 - deviation);
    return buy ? -offset : offset;
  }

  private void observe(int i) {
    for (MatcherTradeEvent event = oracle.lastEvents(); event != null; event = event.nextEvent) {
      if (event.eventType == MatcherEventType.TRADE) {
        lastTradePrice = (int) event.price;
        if (lastTradePrice <= MIN_PRICE + PRICE_DEVIATION) {
          priceDirection = 1;
        } else if (lastTradePrice >= MAX_PRICE - PRICE_DEVIATION) {
          priceDirection = -1;
        }
        track((int) event.matchedOrderId);
      }
    }
    oracle.clearEvents();
    if (out.kind[i] != CommandStream.PLACE_IOC) {
      track(out.orderId[i]);
    }
  }

  private void track(int id) {
    boolean live = oracle.book().getOrderById(id) != null;
    int position = positionOf[id];
    if (live && position == 0) {
      alive[aliveCount++] = id;
      positionOf[id] = aliveCount;
    } else if (!live && position != 0) {
      int last = alive[--aliveCount];
      alive[position - 1] = last;
      positionOf[last] = position;
      positionOf[id] = 0;
    }
  }

  private static int clamp(int price) {
    return Math.max(MIN_PRICE, Math.min(MAX_PRICE, price));
  }
}
