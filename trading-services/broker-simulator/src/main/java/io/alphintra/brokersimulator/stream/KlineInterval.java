package io.alphintra.brokersimulator.stream;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Binance's kline intervals; candles open on UTC boundaries, weeks on Monday. */
public enum KlineInterval {
  SECOND_1("1s", 1_000L),
  MINUTE_1("1m", 60_000L),
  MINUTE_3("3m", 3 * 60_000L),
  MINUTE_5("5m", 5 * 60_000L),
  MINUTE_15("15m", 15 * 60_000L),
  MINUTE_30("30m", 30 * 60_000L),
  HOUR_1("1h", 3_600_000L),
  HOUR_2("2h", 2 * 3_600_000L),
  HOUR_4("4h", 4 * 3_600_000L),
  HOUR_6("6h", 6 * 3_600_000L),
  HOUR_8("8h", 8 * 3_600_000L),
  HOUR_12("12h", 12 * 3_600_000L),
  DAY_1("1d", 86_400_000L),
  DAY_3("3d", 3 * 86_400_000L),
  WEEK_1("1w", 7 * 86_400_000L),
  MONTH_1("1M", 0L);

  /** 1970-01-05, the first Monday after the epoch. */
  private static final long FIRST_MONDAY = 4 * 86_400_000L;

  private final String wireName;
  private final long millis;

  KlineInterval(String wireName, long millis) {
    this.wireName = wireName;
    this.millis = millis;
  }

  public String wireName() {
    return wireName;
  }

  /** The interval's length; months vary and have none. */
  public long millis() {
    if (this == MONTH_1) {
      throw new IllegalStateException("a month has no fixed length");
    }
    return millis;
  }

  public static Optional<KlineInterval> of(String wireName) {
    for (KlineInterval interval : values()) {
      if (interval.wireName.equals(wireName)) {
        return Optional.of(interval);
      }
    }
    return Optional.empty();
  }

  /** Start of the candle that contains {@code timeMillis}. */
  public long openTime(long timeMillis) {
    if (this == MONTH_1) {
      ZonedDateTime time = Instant.ofEpochMilli(timeMillis).atZone(ZoneOffset.UTC);
      return time.withDayOfMonth(1)
          .toLocalDate()
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant()
          .toEpochMilli();
    }
    if (this == WEEK_1) {
      return Math.floorDiv(timeMillis - FIRST_MONDAY, millis) * millis + FIRST_MONDAY;
    }
    return Math.floorDiv(timeMillis, millis) * millis;
  }

  /** Last millisecond of the candle opened at {@code openTime}. */
  public long closeTime(long openTime) {
    if (this == MONTH_1) {
      return Instant.ofEpochMilli(openTime)
              .atZone(ZoneOffset.UTC)
              .plusMonths(1)
              .toInstant()
              .toEpochMilli()
          - 1;
    }
    return openTime + millis - 1;
  }
}
