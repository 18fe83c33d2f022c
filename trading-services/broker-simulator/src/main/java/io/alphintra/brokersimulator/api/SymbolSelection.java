package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binance's {@code symbol} / {@code symbols} pair: one symbol (answered as an object), a JSON list
 * such as {@code ["BTCUSDT","ETHUSDT"]} or, when neither is sent, every symbol (both as arrays);
 * narrowed by {@code symbolStatus} as Binance does (every simulated symbol is {@code TRADING}).
 */
record SymbolSelection(List<SymbolSpec> specs, boolean single) {

  /** The one trading status simulated symbols have. */
  static final String TRADING = "TRADING";

  static final String SYMBOLS_RANGE =
      "^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$";
  private static final Pattern SYMBOLS = Pattern.compile(SYMBOLS_RANGE);

  /**
   * Parses the pair; with {@code allowAll} false one of them is mandatory. A {@code symbolStatus}
   * the symbols do not have empties a list and refuses a single symbol with -1220.
   */
  static SymbolSelection of(ApiParameters parameters, Exchange exchange, boolean allowAll) {
    SymbolSelection selection = unfiltered(parameters, exchange, allowAll);
    if (!statusMatches(parameters)) {
      if (selection.single()) {
        throw ApiException.symbolStatusMismatch();
      }
      return new SymbolSelection(List.of(), false);
    }
    return selection;
  }

  /**
   * Whether symbols of the simulator match the request's {@code symbolStatus} (true when none is
   * sent); -1122 for a value Binance does not define.
   */
  static boolean statusMatches(ApiParameters parameters) {
    return parameters
        .optional("symbolStatus")
        .map(
            status ->
                switch (status) {
                  case TRADING -> true;
                  case "HALT", "BREAK" -> false;
                  default -> throw ApiException.invalidSymbolStatus();
                })
        .orElse(true);
  }

  private static SymbolSelection unfiltered(
      ApiParameters parameters, Exchange exchange, boolean allowAll) {
    Optional<String> symbol = parameters.optional("symbol");
    Optional<String> symbols = parameters.optional("symbols");
    if (symbol.isPresent() && symbols.isPresent()) {
      throw ApiException.badParameterCombination();
    }
    if (symbol.isPresent()) {
      return new SymbolSelection(List.of(spec(exchange, symbol.get())), true);
    }
    if (symbols.isPresent()) {
      return new SymbolSelection(list(symbols.get(), exchange), false);
    }
    if (!allowAll) {
      throw ApiException.eitherParameterMissing("symbol", "symbols");
    }
    return new SymbolSelection(List.copyOf(exchange.specs()), false);
  }

  /** How many symbols a request names, for its weight: -1 for all, 1 for {@code symbol}. */
  static int requestedCount(ApiParameters parameters) {
    if (parameters.optional("symbol").isPresent()) {
      return 1;
    }
    return parameters
        .optional("symbols")
        .map(list -> list.isBlank() || list.equals("[]") ? 0 : list.split(",").length)
        .orElse(-1);
  }

  /** The answer: the one symbol's object, or the list. */
  <T> Object answer(java.util.function.Function<SymbolSpec, T> render) {
    return single ? render.apply(specs.get(0)) : specs.stream().map(render).toList();
  }

  private static List<SymbolSpec> list(String text, Exchange exchange) {
    String compact = text.replace(" ", "");
    if (!SYMBOLS.matcher(compact).matches()) {
      throw ApiException.illegalSymbols(SYMBOLS_RANGE);
    }
    List<SymbolSpec> specs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String inner = compact.substring(1, compact.length() - 1);
    if (inner.isEmpty()) {
      return specs;
    }
    for (String quoted : inner.split(",")) {
      String name = quoted.substring(1, quoted.length() - 1);
      if (!seen.add(name)) {
        throw ApiException.duplicateSymbols();
      }
      specs.add(spec(exchange, name));
    }
    return specs;
  }

  private static SymbolSpec spec(Exchange exchange, String name) {
    return exchange.spec(name).orElseThrow(ApiException::invalidSymbol);
  }
}
