package io.alphintra.brokersimulator.bench;

/**
 * A pre-generated order-book command stream held in primitive arrays, so replaying it allocates
 * nothing. Order ids are the stream's own (dense from 1); each engine driver maps them to its
 * engine's ids. The first {@link #fillCommands} commands build the book up and are not measured.
 */
final class CommandStream {

  static final byte PLACE_GTC = 0;
  static final byte PLACE_IOC = 1;
  static final byte CANCEL = 2;
  static final byte REDUCE = 3;
  static final byte MOVE = 4;

  final byte[] kind;
  final boolean[] buy;
  final int[] orderId;
  final int[] user;
  final int[] price;

  /** Place: lots; reduce: lots to take away; move: unused. */
  final int[] size;

  /**
   * For a reduce in an engine that amends the original quantity (the simulator, like Binance's
   * amend keep-priority): the order's new original quantity, or 0 when the reduce takes all that is
   * left (a cancel). A move keeps the original quantity in both engines.
   */
  final int[] replacementLots;

  final int length;
  final int fillCommands;
  final int orderIds;
  final int users;

  CommandStream(int capacity, int users) {
    kind = new byte[capacity];
    buy = new boolean[capacity];
    orderId = new int[capacity];
    user = new int[capacity];
    price = new int[capacity];
    size = new int[capacity];
    replacementLots = new int[capacity];
    this.users = users;
    length = 0;
    fillCommands = 0;
    orderIds = 0;
  }

  private CommandStream(CommandStream source, int length, int fillCommands, int orderIds) {
    kind = source.kind;
    buy = source.buy;
    orderId = source.orderId;
    user = source.user;
    price = source.price;
    size = source.size;
    replacementLots = source.replacementLots;
    users = source.users;
    this.length = length;
    this.fillCommands = fillCommands;
    this.orderIds = orderIds;
  }

  CommandStream sealed(int length, int fillCommands, int orderIds) {
    return new CommandStream(this, length, fillCommands, orderIds);
  }

  String mix() {
    long[] counts = new long[5];
    for (int i = fillCommands; i < length; i++) {
      counts[kind[i]]++;
    }
    double n = length - fillCommands;
    return String.format(
        java.util.Locale.ROOT,
        "GTC %.1f%%, IOC %.1f%%, cancel %.1f%%, reduce %.1f%%, move %.1f%%",
        100 * counts[PLACE_GTC] / n,
        100 * counts[PLACE_IOC] / n,
        100 * counts[CANCEL] / n,
        100 * counts[REDUCE] / n,
        100 * counts[MOVE] / n);
  }
}
