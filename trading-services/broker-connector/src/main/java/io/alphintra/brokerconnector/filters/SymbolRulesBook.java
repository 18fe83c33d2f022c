package io.alphintra.brokerconnector.filters;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The latest rules per symbol, refreshed from the venue's {@code exchangeInfo}. */
@Component
public class SymbolRulesBook {

  private final Map<String, SymbolRules> rules = new ConcurrentHashMap<>();

  public void replace(Iterable<SymbolRules> latest) {
    latest.forEach(symbol -> rules.put(symbol.symbol(), symbol));
  }

  public Optional<SymbolRules> rules(String symbol) {
    return Optional.ofNullable(rules.get(symbol));
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }
}
