package io.alphintra.brokersimulator.engine;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Matching-engine benchmark with exchange-core's message mix on one thread (run under -Pbench).
 *
 * <p>Phase 1 measures peak throughput. Phase 2 issues commands on a fixed-rate schedule and
 * measures each latency from the command's <em>intended</em> start time, so a stall delays and
 * penalizes every command behind it (no coordinated omission).
 */
public final class MatchingEngineBenchmark {

  private static final int ACCOUNTS = 100;
  private static final int TARGET_RESTING = 1_000;
  private static final long MID = 100_000;

  private final MatchingEngine engine;
  private final SplittableRandom random = new SplittableRandom(20_240_101);
  private final long[] ownedIds = new long[TARGET_RESTING];
  private final int[] ownerOf = new int[TARGET_RESTING];
  private long clock;

  private MatchingEngineBenchmark() {
    Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
    for (int i = 0; i < ACCOUNTS; i++) {
      Account account = ledger.openAccount("bench-" + i);
      account.deposit(0, Long.MAX_VALUE / 4);
      account.deposit(1, Long.MAX_VALUE / 4);
    }
    Instrument instrument = new Instrument("BTCUSDT", 0, 1, 1_000, 10, 1_000, 2_000);
    engine = new MatchingEngine(instrument, ledger, MarketEventListener.NONE, () -> clock, 10_000);
    for (int slot = 0; slot < TARGET_RESTING; slot++) {
      restNewOrder(slot);
    }
  }

  public static void main(String[] args) throws IOException {
    Path output = Path.of(argument(args, "output", "target/bench/matching-engine.json"));
    long rate = Long.parseLong(argument(args, "rate", "1000000"));
    long seconds = Long.parseLong(argument(args, "seconds", "10"));
    long warmupSeconds = Long.parseLong(argument(args, "warmup-seconds", "5"));

    MatchingEngineBenchmark bench = new MatchingEngineBenchmark();
    bench.runFor(warmupSeconds * 1_000_000_000L);
    long throughputNanos = Math.max(1, seconds / 2) * 1_000_000_000L;
    long start = System.nanoTime();
    long ops = bench.runFor(throughputNanos);
    double peakOpsPerSecond = ops * 1e9 / (System.nanoTime() - start);

    Histogram histogram = new Histogram(60_000_000_000L, 3);
    long scheduled = bench.runAtFixedRate(rate, seconds * 1_000_000_000L, histogram);

    String json =
        String.format(
            Locale.ROOT,
            """
                {
                  "benchmark": "matching-engine",
                  "mix": "exchange-core style: 35%% move (cancel + new GTC at a new price), 45%% amend (reduce qty, keep priority), 17%% cancel + new GTC, 3%% IOC; ~%d resting orders",
                  "threads": 1,
                  "peakThroughputOpsPerSecond": %.0f,
                  "scheduledRateOpsPerSecond": %d,
                  "scheduledOps": %d,
                  "latencyMeasuredFrom": "intended start time (fixed-rate schedule, no coordinated omission)",
                  "latencyNanos": {"p50": %d, "p90": %d, "p99": %d, "p99.9": %d, "p99.99": %d, "max": %d},
                  "restingOrdersAtEnd": %d
                }
                """,
            TARGET_RESTING,
            peakOpsPerSecond,
            rate,
            scheduled,
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9),
            histogram.getValueAtPercentile(99.99),
            histogram.getMaxValue(),
            bench.engine.restingOrderCount());
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, json);
    System.out.println(json);
  }

  private long runFor(long nanos) {
    long end = System.nanoTime() + nanos;
    long ops = 0;
    while (true) {
      for (int i = 0; i < 1_000; i++) {
        command();
      }
      ops += 1_000;
      if (System.nanoTime() >= end) {
        return ops;
      }
    }
  }

  private long runAtFixedRate(long opsPerSecond, long nanos, Histogram histogram) {
    double interval = 1e9 / opsPerSecond;
    long start = System.nanoTime();
    long total = (long) (nanos / interval);
    long now = start;
    for (long i = 0; i < total; i++) {
      long intended = start + (long) (i * interval);
      while (now < intended) {
        Thread.onSpinWait();
        now = System.nanoTime();
      }
      command();
      // One clock read per command when at pace: the clock itself costs ~100 ns on some VMs.
      now = System.nanoTime();
      histogram.recordValue(now - intended);
    }
    return total;
  }

  private void command() {
    clock++;
    int slot = random.nextInt(TARGET_RESTING);
    int roll = random.nextInt(100);
    if (roll < 35) {
      // Move: cancel-replace at a nearby price (loses priority, may cross and trade).
      engine.cancel(ownerOf[slot], ownedIds[slot]);
      restNewOrder(slot);
    } else if (roll < 80) {
      ExecutionReport amended =
          engine.amendQuantity(ownerOf[slot], ownedIds[slot], 1 + random.nextInt(5));
      if (amended.isRejected()) {
        // Filled meanwhile or already too small to reduce: replace it so the book keeps its size.
        engine.cancel(ownerOf[slot], ownedIds[slot]);
        restNewOrder(slot);
      }
    } else if (roll < 80 + 17) {
      engine.cancel(ownerOf[slot], ownedIds[slot]);
      restNewOrder(slot);
    } else {
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long price = side == Side.BUY ? MID + random.nextInt(5) : MID - random.nextInt(5);
      engine.place(
          NewOrder.limit(
              random.nextInt(1, ACCOUNTS + 1),
              side,
              TimeInForce.IOC,
              price,
              1 + random.nextInt(10)));
    }
  }

  /** Places a GTC order around the mid price in the slot; about one in ten crosses and trades. */
  private void restNewOrder(int slot) {
    Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
    long offset = random.nextInt(-5, 100);
    long price = side == Side.BUY ? MID - offset : MID + offset;
    int account = random.nextInt(1, ACCOUNTS + 1);
    ExecutionReport report =
        engine.place(NewOrder.limit(account, side, TimeInForce.GTC, price, 5 + random.nextInt(20)));
    ownedIds[slot] = report.isRejected() ? -1 : report.order().orderId();
    ownerOf[slot] = account;
  }

  private static String argument(String[] args, String name, String fallback) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return arg.substring(name.length() + 3);
      }
    }
    return fallback;
  }
}
