package io.alphintra.brokersimulator.engine;

/** Receives public market events from a matching engine, on the engine's writer thread. */
public interface MarketEventListener {

  MarketEventListener NONE =
      new MarketEventListener() {
        @Override
        public void onTrade(Trade trade) {}

        @Override
        public void onLevelChanged(
            String symbol, Side side, long priceTicks, long totalLots, long updateId) {}
      };

  void onTrade(Trade trade);

  /** A price level's total quantity changed; zero means the level is gone. */
  void onLevelChanged(String symbol, Side side, long priceTicks, long totalLots, long updateId);
}
