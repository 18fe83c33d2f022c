package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A symbol's commission rates in Binance's shapes. The venue charges only the standard maker/taker
 * rates: special and tax rates are zero and there is no BNB discount.
 */
final class CommissionRates {

  private static final String ZERO = rate(BigDecimal.ZERO);

  private CommissionRates() {}

  /** {@code GET /api/v3/account/commission}. */
  static Map<String, Object> ofSymbol(SymbolSpec spec) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", spec.symbol());
    body.put("standardCommission", fourRates(spec));
    body.put("specialCommission", fourZeros());
    body.put("taxCommission", fourZeros());
    body.put("discount", noDiscount());
    return body;
  }

  /** {@code POST /api/v3/order/test?computeCommissionRates=true}. */
  static Map<String, Object> forOrder(SymbolSpec spec) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("standardCommissionForOrder", makerTaker(spec));
    body.put("specialCommissionForOrder", Map.of("maker", ZERO, "taker", ZERO));
    body.put("taxCommissionForOrder", Map.of("maker", ZERO, "taker", ZERO));
    body.put("discount", noDiscount());
    return body;
  }

  private static Map<String, Object> makerTaker(SymbolSpec spec) {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("maker", rate(spec.properties().makerFee()));
    rates.put("taker", rate(spec.properties().takerFee()));
    return rates;
  }

  private static Map<String, Object> fourRates(SymbolSpec spec) {
    Map<String, Object> rates = makerTaker(spec);
    rates.put("buyer", ZERO);
    rates.put("seller", ZERO);
    return rates;
  }

  private static Map<String, Object> fourZeros() {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("maker", ZERO);
    rates.put("taker", ZERO);
    rates.put("buyer", ZERO);
    rates.put("seller", ZERO);
    return rates;
  }

  private static Map<String, Object> noDiscount() {
    Map<String, Object> discount = new LinkedHashMap<>();
    discount.put("enabledForAccount", false);
    discount.put("enabledForSymbol", false);
    discount.put("discountAsset", "BNB");
    discount.put("discount", ZERO);
    return discount;
  }

  private static String rate(BigDecimal rate) {
    return rate.setScale(Assets.SCALE).toPlainString();
  }
}
