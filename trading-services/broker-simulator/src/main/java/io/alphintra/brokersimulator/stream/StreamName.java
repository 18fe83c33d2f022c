package io.alphintra.brokersimulator.stream;

import java.util.Locale;
import java.util.Optional;

/**
 * A Binance market stream name: {@code <symbol>@trade}, {@code <symbol>@depth} (1000 ms diffs) or
 * {@code <symbol>@depth@100ms}.
 */
record StreamName(String symbol, Kind kind) {

  enum Kind {
    TRADE("@trade"),
    DEPTH("@depth"),
    DEPTH_100MS("@depth@100ms");

    final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }
  }

  static Optional<StreamName> parse(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    // Longest suffix first: "@depth@100ms" also ends in neither of the others, but be explicit.
    for (Kind kind : new Kind[] {Kind.DEPTH_100MS, Kind.DEPTH, Kind.TRADE}) {
      if (lower.endsWith(kind.suffix) && lower.length() > kind.suffix.length()) {
        return Optional.of(
            new StreamName(
                lower.substring(0, lower.length() - kind.suffix.length()).toUpperCase(Locale.ROOT),
                kind));
      }
    }
    return Optional.empty();
  }

  static StreamName of(String symbol, Kind kind) {
    return new StreamName(symbol, kind);
  }

  /** The wire name, lowercase as Binance prints it. */
  @Override
  public String toString() {
    return symbol.toLowerCase(Locale.ROOT) + kind.suffix;
  }
}
