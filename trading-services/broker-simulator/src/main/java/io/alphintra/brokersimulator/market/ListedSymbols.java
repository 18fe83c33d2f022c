package io.alphintra.brokersimulator.market;

import java.util.List;

/** The symbols the venue lists, in configuration order. */
public record ListedSymbols(List<SymbolSpec> specs) {

  public ListedSymbols {
    specs = List.copyOf(specs);
  }
}
