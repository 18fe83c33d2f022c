package io.alphintra.brokersimulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamNameTest {

  @Test
  void parsesEveryPublishedStreamAndPrintsItBack() {
    for (String name :
        new String[] {
          "btcusdt@trade",
          "btcusdt@aggTrade",
          "btcusdt@bookTicker",
          "btcusdt@depth",
          "btcusdt@depth@100ms",
          "btcusdt@depth5",
          "btcusdt@depth20@100ms",
          "btcusdt@kline_1s",
          "btcusdt@kline_1M",
          "btcusdt@miniTicker",
          "btcusdt@ticker",
          "btcusdt@avgPrice",
          "btcusdt@ticker_1h",
          "btcusdt@ticker_1d",
          "!miniTicker@arr",
          "!ticker_4h@arr"
        }) {
      assertThat(StreamName.parse(name)).map(StreamName::toString).contains(name);
    }
  }

  @Test
  void acceptsUpperCaseSymbolsAndTheExplicitSlowSpeed() {
    assertThat(StreamName.parse("BTCUSDT@depth@1000ms"))
        .contains(new StreamName("BTCUSDT", StreamName.Kind.DIFF_DEPTH, 0, 1000, null));
  }

  @Test
  void rejectsUnknownKindsLevelsAndIntervals() {
    for (String name :
        new String[] {
          "btcusdt@depth7",
          "btcusdt@kline_2m",
          "btcusdt@trades",
          "btcusdt@ticker_2h",
          "!ticker_1w@arr",
          "@trade",
          "btcusdt"
        }) {
      assertThat(StreamName.parse(name)).as(name).isEmpty();
    }
  }
}
