package io.alphintra.brokersimulator.account;

import io.alphintra.brokersimulator.engine.Execution;
import io.alphintra.brokersimulator.engine.ExecutionType;
import io.alphintra.brokersimulator.engine.MarketEventListener;
import io.alphintra.brokersimulator.engine.OrderUpdate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * Each API account's executions per symbol, newest {@code capacity} kept: what {@code myTrades}
 * answers. Simulated participants' executions are not recorded.
 */
public final class AccountTradeHistory implements MarketEventListener {

  private final IntPredicate recorded;
  private final int capacity;
  private final Map<Key, ArrayDeque<Execution>> executions = new ConcurrentHashMap<>();

  public AccountTradeHistory(IntPredicate recorded, int capacity) {
    this.recorded = recorded;
    this.capacity = capacity;
  }

  @Override
  public boolean followsAccount(int accountId) {
    return recorded.test(accountId);
  }

  @Override
  public void onOrderUpdate(OrderUpdate update) {
    if (update.executionType() != ExecutionType.TRADE) {
      return;
    }
    Execution execution = Execution.of(update);
    ArrayDeque<Execution> list =
        executions.computeIfAbsent(
            new Key(execution.accountId(), execution.symbol()), key -> new ArrayDeque<>());
    synchronized (list) {
      list.addLast(execution);
      if (list.size() > capacity) {
        list.pollFirst();
      }
    }
  }

  /** The account's executions on a symbol, oldest first (trade id order). */
  public List<Execution> of(int accountId, String symbol) {
    ArrayDeque<Execution> list = executions.get(new Key(accountId, symbol));
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  private record Key(int accountId, String symbol) {}
}
