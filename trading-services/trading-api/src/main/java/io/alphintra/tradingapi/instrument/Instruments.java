package io.alphintra.tradingapi.instrument;

import io.alphintra.tradingapi.web.ApiProblem;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The symbols trading-api knows, from {@code alphintra.trading.instruments.<SYMBOL>.*}.
 *
 * @param instruments by symbol
 */
@ConfigurationProperties("alphintra.trading")
public record Instruments(Map<String, Spec> instruments) {

  /**
   * One instrument's configuration.
   *
   * @param baseAsset e.g. BTC
   * @param quoteAsset e.g. USDT
   * @param priceScale decimals of a price
   * @param quantityScale decimals of a quantity
   */
  public record Spec(String baseAsset, String quoteAsset, int priceScale, int quantityScale) {}

  public Instruments {
    Map<String, Spec> bySymbol = new TreeMap<>();
    if (instruments != null) {
      instruments.forEach((symbol, spec) -> bySymbol.put(symbol.toUpperCase(Locale.ROOT), spec));
    }
    instruments = bySymbol;
  }

  public Optional<Instrument> find(String symbol) {
    Spec spec = symbol == null ? null : instruments.get(symbol.toUpperCase(Locale.ROOT));
    return spec == null
        ? Optional.empty()
        : Optional.of(
            new Instrument(
                symbol.toUpperCase(Locale.ROOT),
                spec.baseAsset(),
                spec.quoteAsset(),
                spec.priceScale(),
                spec.quantityScale()));
  }

  public Instrument require(String symbol) {
    return find(symbol)
        .orElseThrow(
            () ->
                new ApiProblem(
                    org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
                    "UNKNOWN_SYMBOL",
                    "symbol "
                        + symbol
                        + " is not traded here; known symbols: "
                        + String.join(", ", instruments.keySet())));
  }
}
