package io.alphintra.brokersimulator.marketdata;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Binance's kline intervals (case-sensitive codes). Candles start at multiples of the interval
 * since the epoch in the requested time zone, weeks on Mondays and months on the 1st.
 */
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
  MONTH_1("1M", 31 * 86_400_000L);

  /** 1970-01-01 was a Thursday; Binance weeks start on Monday, four days later. */
  private static final long FIRST_MONDAY = 4 * 86_400_000L;

  private final String code;
  private final long millis;

  KlineInterval(String code, long millis) {
    this.code = code;
    this.millis = millis;
  }

  public static Optional<KlineInterval> of(String code) {
    for (KlineInterval interval : values()) {
      if (interval.code.equals(code)) {
        return Optional.of(interval);
      }
    }
    return Optional.empty();
  }

  public String code() {
    return code;
  }

  /** The longest this interval can be (months count as 31 days). */
  public long maxMillis() {
    return millis;
  }

  /** Open time of the candle containing {@code time}, in UTC millis. */
  public long openTime(long time, ZoneOffset zone) {
    long offset = zone.getTotalSeconds() * 1000L;
    return switch (this) {
      case MONTH_1 -> {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(time), zone);
        yield local.toLocalDate().withDayOfMonth(1).atStartOfDay().toInstant(zone).toEpochMilli();
      }
      case WEEK_1 ->
          Math.floorDiv(time + offset - FIRST_MONDAY, millis) * millis + FIRST_MONDAY - offset;
      default -> Math.floorDiv(time + offset, millis) * millis - offset;
    };
  }

  /** Open time of the candle after the one opening at {@code openTime}. */
  public long nextOpenTime(long openTime, ZoneOffset zone) {
    if (this == MONTH_1) {
      return LocalDateTime.ofInstant(Instant.ofEpochMilli(openTime), zone)
          .plusMonths(1)
          .toInstant(zone)
          .toEpochMilli();
    }
    return openTime + millis;
  }
}
