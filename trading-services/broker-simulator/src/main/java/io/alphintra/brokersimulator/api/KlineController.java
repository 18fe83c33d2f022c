package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import io.alphintra.brokersimulator.marketdata.Kline;
import io.alphintra.brokersimulator.marketdata.KlineInterval;
import io.alphintra.brokersimulator.marketdata.MarketData;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v3/klines} and {@code /uiKlines}: candles from the venue's own trades. */
@RestController
@RequestMapping("/api/v3")
class KlineController {

  private static final int DEFAULT_LIMIT = 500;
  private static final int MAX_LIMIT = 1000;
  private static final Pattern TIME_ZONE = Pattern.compile("([+-]?)(\\d{1,2})(?::(\\d{2}))?");
  private static final int MIN_OFFSET_MINUTES = -12 * 60;
  private static final int MAX_OFFSET_MINUTES = 14 * 60;

  private final Exchange exchange;
  private final MarketData marketData;
  private final Clock clock;

  KlineController(Exchange exchange, MarketData marketData, Clock clock) {
    this.exchange = exchange;
    this.marketData = marketData;
    this.clock = clock;
  }

  @GetMapping("/klines")
  List<List<Object>> klines(HttpServletRequest request) {
    return render(request, false);
  }

  /** Like klines, but each candle opens at the previous close: gapless charts. */
  @GetMapping("/uiKlines")
  List<List<Object>> uiKlines(HttpServletRequest request) {
    return render(request, true);
  }

  private List<List<Object>> render(HttpServletRequest request, boolean gapless) {
    ApiParameters parameters = ApiParameters.of(request);
    SymbolSpec spec =
        exchange.spec(parameters.required("symbol")).orElseThrow(ApiException::invalidSymbol);
    KlineInterval interval =
        KlineInterval.of(parameters.required("interval")).orElseThrow(ApiException::badInterval);
    Optional<Long> startTime = parameters.optionalTimeMillis("startTime", true);
    Optional<Long> sentEndTime = parameters.optionalTimeMillis("endTime", false);
    if (startTime.isPresent() && sentEndTime.isPresent() && startTime.get() > sentEndTime.get()) {
      throw ApiException.invalidParameter("startTime");
    }
    long endTime = sentEndTime.orElseGet(clock::millis);
    ZoneOffset zone =
        parameters.optional("timeZone").map(KlineController::zone).orElse(ZoneOffset.UTC);
    int limit = parameters.limit(DEFAULT_LIMIT, MAX_LIMIT);
    List<Kline> klines =
        marketData.klines(spec.symbol(), interval, zone, startTime.orElse(null), endTime, limit);
    List<List<Object>> rows = new ArrayList<>(klines.size());
    Kline previous = null;
    for (Kline kline : klines) {
      Kline shown = gapless && previous != null ? kline.withOpen(previous.closeTicks()) : kline;
      rows.add(row(spec, shown));
      previous = kline;
    }
    return rows;
  }

  private static List<Object> row(SymbolSpec spec, Kline kline) {
    return List.of(
        kline.openTime(),
        spec.price(kline.openTicks()).toPlainString(),
        spec.price(kline.highTicks()).toPlainString(),
        spec.price(kline.lowTicks()).toPlainString(),
        spec.price(kline.closeTicks()).toPlainString(),
        spec.quantity(kline.volumeLots()).toPlainString(),
        kline.closeTime(),
        Assets.fromUnits(kline.quoteUnits()).toPlainString(),
        kline.trades(),
        spec.quantity(kline.takerBuyLots()).toPlainString(),
        Assets.fromUnits(kline.takerBuyQuoteUnits()).toPlainString(),
        "0");
  }

  /** Hours ("8", "-3") or hours and minutes ("05:45", "-1:00"), within [-12:00, +14:00]. */
  static ZoneOffset zone(String text) {
    Matcher matcher = TIME_ZONE.matcher(text.trim());
    if (!matcher.matches()) {
      throw ApiException.invalidParameter("timeZone");
    }
    int hours = Integer.parseInt(matcher.group(2));
    int minutes = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
    if (minutes > 59) {
      throw ApiException.invalidParameter("timeZone");
    }
    int total = (hours * 60 + minutes) * ("-".equals(matcher.group(1)) ? -1 : 1);
    if (total < MIN_OFFSET_MINUTES || total > MAX_OFFSET_MINUTES) {
      throw ApiException.invalidParameter("timeZone");
    }
    return ZoneOffset.ofTotalSeconds(total * 60);
  }
}
