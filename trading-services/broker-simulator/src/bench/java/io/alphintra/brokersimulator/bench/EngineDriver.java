package io.alphintra.brokersimulator.bench;

/** Replays a {@link CommandStream} into one engine, one command at a time, without allocating. */
abstract class EngineDriver {

  final CommandStream stream;

  EngineDriver(CommandStream stream) {
    this.stream = stream;
  }

  abstract String name();

  /** A fresh engine with an empty book; the next command replayed is the stream's first. */
  abstract void reset();

  abstract void execute(int i);

  /** Trades so far, to show both engines did the same work. */
  abstract long trades();

  /** Commands the engine refused so far. */
  abstract long rejections();

  abstract int restingOrders();
}
