package io.alphintra.brokersimulator.marketdata;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much public history the venue keeps per symbol ({@code alphintra.simulator.market-data.*}).
 *
 * @param tradeCapacity newest trades (and aggregate trades) kept for trades, historicalTrades and
 *     aggTrades
 * @param secondCandles one-second candles kept: the reach of {@code 1s} klines (21600 = 6 hours)
 * @param minuteCandles one-minute candles kept: the reach of every other interval and of the
 *     rolling statistics (43200 = 30 days)
 */
@ConfigurationProperties("alphintra.simulator.market-data")
public record MarketDataProperties(
    @DefaultValue("100000") int tradeCapacity,
    @DefaultValue("21600") int secondCandles,
    @DefaultValue("43200") int minuteCandles) {

  public MarketDataProperties {
    if (tradeCapacity < 1 || secondCandles < 1 || minuteCandles < 1) {
      throw new IllegalArgumentException(
          "alphintra.simulator.market-data capacities must be at least 1");
    }
  }
}
