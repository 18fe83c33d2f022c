package io.alphintra.brokerconnector.filters;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Gives venue decimals the explicit scale of their symbol at the API edge: prices with the tick's
 * decimals, quantities with the step's ("90.00", "1.000"), whatever padding the venue used. A value
 * that does not fit the scale exactly keeps all its digits; nothing is ever rounded here.
 */
@Component
public class VenueDecimals {

  private final SymbolRulesBook rules;

  public VenueDecimals(SymbolRulesBook rules) {
    this.rules = rules;
  }

  public BigDecimal price(String symbol, String text) {
    return scaled(text, rules.rules(symbol).map(SymbolRules::priceScale));
  }

  public BigDecimal quantity(String symbol, String text) {
    return scaled(text, rules.rules(symbol).map(SymbolRules::quantityScale));
  }

  /**
   * Amounts without a symbol-defined scale (quote totals): trailing zeros stripped, never exponent
   * form.
   */
  public static BigDecimal plain(String text) {
    BigDecimal value =
        new BigDecimal(text == null || text.isEmpty() ? "0" : text).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  private static BigDecimal scaled(String text, Optional<Integer> scale) {
    BigDecimal value = plain(text);
    if (scale.isEmpty() || scale.get() < 0 || value.scale() > scale.get()) {
      return value;
    }
    return value.setScale(scale.get(), RoundingMode.UNNECESSARY);
  }
}
