package io.alphintra.brokersimulator.market;

import io.alphintra.brokersimulator.engine.ExecutionReport;

/** Told about every order the exchange processed, for metrics. */
public interface ExchangeObserver {

  ExchangeObserver NONE = (symbol, report, nanos) -> {};

  void onOrderProcessed(String symbol, ExecutionReport report, long matchNanos);
}
