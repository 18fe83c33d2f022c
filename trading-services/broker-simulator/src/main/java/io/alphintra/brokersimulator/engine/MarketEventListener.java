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

  /** Tells every listener, in order, about every event. */
  static MarketEventListener all(MarketEventListener... listeners) {
    MarketEventListener[] copy = listeners.clone();
    return new MarketEventListener() {
      @Override
      public void onTrade(Trade trade) {
        for (MarketEventListener listener : copy) {
          listener.onTrade(trade);
        }
      }

      @Override
      public void onLevelChanged(
          String symbol, Side side, long priceTicks, long totalLots, long updateId) {
        for (MarketEventListener listener : copy) {
          listener.onLevelChanged(symbol, side, priceTicks, totalLots, updateId);
        }
      }
    };
  }

  void onTrade(Trade trade);

  /** A price level's total quantity changed; zero means the level is gone. */
  void onLevelChanged(String symbol, Side side, long priceTicks, long totalLots, long updateId);
}
