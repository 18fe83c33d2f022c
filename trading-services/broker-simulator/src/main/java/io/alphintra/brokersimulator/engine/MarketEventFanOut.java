package io.alphintra.brokersimulator.engine;

import java.util.List;

/** Hands every market event to several listeners, in list order. */
public final class MarketEventFanOut implements MarketEventListener {

  private final MarketEventListener[] listeners;

  public MarketEventFanOut(List<? extends MarketEventListener> listeners) {
    this.listeners = listeners.toArray(MarketEventListener[]::new);
  }

  @Override
  public void onTrade(Trade trade) {
    for (MarketEventListener listener : listeners) {
      listener.onTrade(trade);
    }
  }

  @Override
  public void onLevelChanged(
      String symbol, Side side, long priceTicks, long totalLots, long updateId) {
    for (MarketEventListener listener : listeners) {
      listener.onLevelChanged(symbol, side, priceTicks, totalLots, updateId);
    }
  }

  @Override
  public void onMatchEnded(String symbol) {
    for (MarketEventListener listener : listeners) {
      listener.onMatchEnded(symbol);
    }
  }

  @Override
  public boolean followsAccount(int accountId) {
    for (MarketEventListener listener : listeners) {
      if (listener.followsAccount(accountId)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onOrderUpdate(OrderUpdate update) {
    for (MarketEventListener listener : listeners) {
      if (listener.followsAccount(update.order().accountId())) {
        listener.onOrderUpdate(update);
      }
    }
  }
}
