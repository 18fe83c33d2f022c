package io.alphintra.brokersimulator.bench;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import io.alphintra.brokersimulator.engine.CommandResult;
import io.alphintra.brokersimulator.engine.Instrument;
import io.alphintra.brokersimulator.engine.MarketEventListener;
import io.alphintra.brokersimulator.engine.MatchingEngine;
import io.alphintra.brokersimulator.engine.OrderType;
import io.alphintra.brokersimulator.engine.Side;
import io.alphintra.brokersimulator.engine.TimeInForce;

/**
 * The simulator's matching engine with settlement and fees, driven through its allocation-free
 * command API (results in the engine's reused {@code CommandResult}). A move is the engine's
 * in-place price move (one command, as exchange-core's); a reduce is an amend that keeps priority,
 * or a cancel when it takes all that is left.
 */
final class SimulatorDriver extends EngineDriver {

  private static final Instrument INSTRUMENT =
      new Instrument("BTCUSDT", 0, 1, 1_000, 10, 1_000, 2_000);

  /** Closed orders kept findable; retention costs throughput, so it is a knob to measure that. */
  private static final int CLOSED_ORDER_CAPACITY =
      Integer.getInteger("bench.closedOrderCapacity", 10_000);

  private final long[] engineOrderId;
  private MatchingEngine engine;
  private long trades;
  private long rejections;
  private long clock;

  SimulatorDriver(CommandStream stream) {
    super(stream);
    engineOrderId = new long[stream.orderIds + 1];
    reset();
  }

  @Override
  String name() {
    return "broker-simulator MatchingEngine";
  }

  @Override
  void reset() {
    Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
    for (int user = 1; user <= stream.users; user++) {
      Account account = ledger.openAccount("bench-" + user);
      account.deposit(0, Long.MAX_VALUE / 4);
      account.deposit(1, Long.MAX_VALUE / 4);
    }
    engine =
        new MatchingEngine(
            INSTRUMENT, ledger, MarketEventListener.NONE, () -> clock, CLOSED_ORDER_CAPACITY);
    trades = 0;
    rejections = 0;
  }

  @Override
  void execute(int i) {
    clock++;
    int id = stream.orderId[i];
    int account = stream.user[i];
    switch (stream.kind[i]) {
      case CommandStream.PLACE_GTC -> place(i, id, TimeInForce.GTC, stream.size[i]);
      case CommandStream.PLACE_IOC -> place(i, id, TimeInForce.IOC, stream.size[i]);
      case CommandStream.CANCEL -> count(engine.cancelOrder(account, engineOrderId[id]));
      case CommandStream.REDUCE -> {
        int newOriginal = stream.replacementLots[i];
        count(
            newOriginal == 0
                ? engine.cancelOrder(account, engineOrderId[id])
                : engine.amendOrder(account, engineOrderId[id], newOriginal));
      }
      default -> count(engine.movePrice(account, engineOrderId[id], stream.price[i]));
    }
  }

  private void place(int i, int id, TimeInForce timeInForce, long lots) {
    CommandResult result =
        engine.placeOrder(
            stream.user[i],
            null,
            stream.buy[i] ? Side.BUY : Side.SELL,
            OrderType.LIMIT,
            timeInForce,
            stream.price[i],
            lots);
    if (count(result)) {
      engineOrderId[id] = result.orderId();
      trades += result.fillCount();
    }
  }

  private boolean count(CommandResult result) {
    if (result.isRejected()) {
      rejections++;
      return false;
    }
    return true;
  }

  @Override
  long trades() {
    return trades;
  }

  @Override
  long rejections() {
    return rejections;
  }

  @Override
  int restingOrders() {
    return engine.restingOrderCount();
  }
}
