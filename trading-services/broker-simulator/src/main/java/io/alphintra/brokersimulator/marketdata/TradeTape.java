package io.alphintra.brokersimulator.marketdata;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest trades of one symbol and their aggregates, in rings indexed by id: the engine numbers
 * a symbol's trades 1, 2, 3, … without gaps, so a lookup by id is one array access.
 */
final class TradeTape {

  private final PublicTrade[] trades;
  private final AggregateTrade[] aggregates;
  private long newestTradeId;
  private long newestAggregateId;
  private long lastTakerOrderId = -1;

  TradeTape(int capacity) {
    this.trades = new PublicTrade[capacity];
    this.aggregates = new AggregateTrade[capacity];
  }

  void add(PublicTrade trade) {
    newestTradeId = trade.id();
    trades[slot(trade.id())] = trade;
    AggregateTrade last = newestAggregateId == 0 ? null : aggregate(newestAggregateId);
    if (last != null
        && lastTakerOrderId == trade.takerOrderId()
        && last.priceTicks() == trade.priceTicks()
        && last.timeMillis() == trade.timeMillis()
        && last.lastTradeId() == trade.id() - 1) {
      aggregates[slot(newestAggregateId)] =
          new AggregateTrade(
              last.id(),
              last.priceTicks(),
              last.quantityLots() + trade.quantityLots(),
              last.firstTradeId(),
              trade.id(),
              last.timeMillis(),
              last.buyerIsMaker());
    } else {
      newestAggregateId++;
      aggregates[slot(newestAggregateId)] =
          new AggregateTrade(
              newestAggregateId,
              trade.priceTicks(),
              trade.quantityLots(),
              trade.id(),
              trade.id(),
              trade.timeMillis(),
              trade.buyerIsMaker());
    }
    lastTakerOrderId = trade.takerOrderId();
  }

  PublicTrade newest() {
    return newestTradeId == 0 ? null : trades[slot(newestTradeId)];
  }

  /** Up to {@code limit} trades with id at least {@code fromId}, oldest first. */
  List<PublicTrade> tradesFrom(long fromId, int limit) {
    List<PublicTrade> out = new ArrayList<>();
    for (long id = Math.max(fromId, oldestId(newestTradeId)); id <= newestTradeId; id++) {
      if (out.size() == limit) {
        break;
      }
      out.add(trades[slot(id)]);
    }
    return out;
  }

  /** The newest {@code limit} trades, oldest first. */
  List<PublicTrade> recentTrades(int limit) {
    return tradesFrom(newestTradeId - limit + 1, limit);
  }

  /** Up to {@code limit} aggregates with id at least {@code fromId}, oldest first. */
  List<AggregateTrade> aggregatesFrom(long fromId, int limit) {
    List<AggregateTrade> out = new ArrayList<>();
    for (long id = Math.max(fromId, oldestId(newestAggregateId)); id <= newestAggregateId; id++) {
      if (out.size() == limit) {
        break;
      }
      out.add(aggregate(id));
    }
    return out;
  }

  List<AggregateTrade> recentAggregates(int limit) {
    return aggregatesFrom(newestAggregateId - limit + 1, limit);
  }

  /** Up to {@code limit} aggregates timed within [from, to], oldest first. */
  List<AggregateTrade> aggregatesBetween(long from, long to, int limit) {
    List<AggregateTrade> out = new ArrayList<>();
    for (long id = firstTimedAtOrAfter(from); id <= newestAggregateId && out.size() < limit; id++) {
      AggregateTrade aggregate = aggregate(id);
      if (aggregate.timeMillis() > to) {
        break;
      }
      out.add(aggregate);
    }
    return out;
  }

  /** The newest {@code limit} aggregates timed at or before {@code to}, oldest first. */
  List<AggregateTrade> aggregatesUntil(long to, int limit) {
    long after = to == Long.MAX_VALUE ? newestAggregateId + 1 : firstTimedAtOrAfter(to + 1);
    long from = Math.max(oldestId(newestAggregateId), after - limit);
    List<AggregateTrade> out = new ArrayList<>();
    for (long id = from; id < after; id++) {
      out.add(aggregate(id));
    }
    return out;
  }

  /** The id of the first held aggregate timed at or after {@code time} (newest + 1 if none). */
  private long firstTimedAtOrAfter(long time) {
    // Times rise with ids: binary search.
    long low = oldestId(newestAggregateId);
    long high = newestAggregateId + 1;
    while (low < high) {
      long middle = (low + high) >>> 1;
      if (aggregate(middle).timeMillis() < time) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private AggregateTrade aggregate(long id) {
    return aggregates[slot(id)];
  }

  private long oldestId(long newest) {
    return Math.max(1, newest - trades.length + 1);
  }

  private int slot(long id) {
    return (int) ((id - 1) % trades.length);
  }
}
