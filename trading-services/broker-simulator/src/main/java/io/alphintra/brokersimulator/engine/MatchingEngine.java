package io.alphintra.brokersimulator.engine;

import io.alphintra.brokersimulator.account.Ledger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Matches the orders of one symbol with price-time priority and settles fills against the ledger.
 *
 * <p>Not thread-safe by design: one writer per symbol (see {@code Exchange}) keeps matching free of
 * locks and makes replay deterministic — the same commands always produce the same fills.
 */
public final class MatchingEngine {

  public static final int DEFAULT_RESTING_ORDER_CAPACITY = 4_096;

  private final Instrument instrument;
  private final OrderBook book;
  private final Settlement settlement;
  private final MarketEventListener listener;
  private final LongSupplier clock;
  private final int closedOrderCapacity;
  private final Map<ClientOrderKey, Order> latestByClientOrderId = new HashMap<>();
  // Recently closed API orders (those with a client order id) by id, so the API finds them without
  // scanning the ring and keeps their objects for the account's history; they leave when the ring
  // evicts them. The internal flow's closed orders are only copies in the ring: their objects go
  // back to the pool at once, and indexing them would cost two hash-table updates per close.
  private final LongObjectMap<Order> closedApiOrdersById;
  private final RecentlyClosed closedOrders;
  private final OrderPool pool;
  private final CommandResult result;
  // Orders placed with a client order id (every API order; internal flow sends none), per account.
  private final Map<Integer, ArrayDeque<Order>> historyByAccount = new HashMap<>();
  private long nextOrderId = 1;
  private long nextTradeId = 1;
  private long lastTradePriceTicks;

  /** An engine whose order pool starts with {@value #DEFAULT_RESTING_ORDER_CAPACITY} orders. */
  public MatchingEngine(
      Instrument instrument,
      Ledger ledger,
      MarketEventListener listener,
      LongSupplier clock,
      int closedOrderCapacity) {
    this(instrument, ledger, listener, clock, closedOrderCapacity, DEFAULT_RESTING_ORDER_CAPACITY);
  }

  /**
   * @param closedOrderCapacity closed orders kept findable by id
   * @param restingOrderCapacity orders allocated up front for the pool: resting orders up to this
   *     many cost no allocation (more still rest, allocated on demand)
   */
  public MatchingEngine(
      Instrument instrument,
      Ledger ledger,
      MarketEventListener listener,
      LongSupplier clock,
      int closedOrderCapacity,
      int restingOrderCapacity) {
    this.instrument = instrument;
    this.listener = listener;
    this.clock = clock;
    this.closedOrderCapacity = closedOrderCapacity;
    this.book = new OrderBook(instrument.symbol(), listener);
    this.settlement = new Settlement(instrument, ledger);
    this.closedApiOrdersById = new LongObjectMap<>(Math.min(closedOrderCapacity, 1_024));
    this.closedOrders = new RecentlyClosed(closedOrderCapacity);
    this.pool = new OrderPool(restingOrderCapacity);
    this.result = new CommandResult(instrument.symbol());
  }

  public Instrument instrument() {
    return instrument;
  }

  public ExecutionReport place(NewOrder request) {
    return placeOrder(request).toReport();
  }

  /** {@link #place} without the report: the outcome is in the engine's reused result. */
  public CommandResult placeOrder(NewOrder request) {
    long lots = request.quantityLots();
    if (request.quoteOrderQtyUnits() > 0) {
      lots = lotsForQuote(request.side(), request.quoteOrderQtyUnits());
      if (lots == 0) {
        return result.rejected(Rejection.INSUFFICIENT_LIQUIDITY);
      }
    }
    return place(
        request.accountId(),
        request.clientOrderId(),
        request.side(),
        request.type(),
        request.timeInForce(),
        request.priceTicks(),
        lots,
        request.quoteOrderQtyUnits());
  }

  /**
   * Places an order sized in lots without building a request or a report: the allocation-free entry
   * point for internal flow. The outcome is in the returned result, valid until the next command.
   */
  public CommandResult placeOrder(
      int accountId,
      String clientOrderId,
      Side side,
      OrderType type,
      TimeInForce timeInForce,
      long priceTicks,
      long quantityLots) {
    if (quantityLots <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    if (type != OrderType.MARKET && priceTicks <= 0) {
      throw new IllegalArgumentException("price must be positive");
    }
    return place(accountId, clientOrderId, side, type, timeInForce, priceTicks, quantityLots, 0);
  }

  private CommandResult place(
      int accountId,
      String clientOrderId,
      Side side,
      OrderType type,
      TimeInForce timeInForce,
      long priceTicks,
      long lots,
      long quoteOrderQtyUnits) {
    Rejection rejection = admission(accountId, clientOrderId, side, type, priceTicks);
    if (rejection != null) {
      return result.rejected(rejection);
    }
    BookSide opposite = book.side(side.opposite());
    long toLock = fundsToLock(side, type, priceTicks, lots);
    if (!settlement.lock(accountId, side, toLock)) {
      return result.rejected(Rejection.INSUFFICIENT_BALANCE);
    }

    long now = clock.getAsLong();
    Order order =
        pool.acquire()
            .init(
                nextOrderId++,
                accountId,
                clientOrderId,
                side,
                type,
                timeInForce,
                priceTicks,
                lots,
                quoteOrderQtyUnits,
                now);
    order.lockedUnits = toLock;
    if (order.clientOrderId != null) {
      latestByClientOrderId.put(new ClientOrderKey(order.accountId, order.clientOrderId), order);
      remember(order);
    }
    result.begin(order);
    report(order, ExecutionType.NEW, null, now);
    if (order.timeInForce == TimeInForce.FOK
        && order.type == OrderType.LIMIT
        && fillableWithoutSelfTrade(order, opposite) < order.originalLots) {
      close(order, OrderStatus.EXPIRED, now);
      report(order, ExecutionType.EXPIRED, null, now);
      return result.complete();
    }
    boolean selfTradePrevented = match(order, opposite, now);
    if (result.fillCount() > 0) {
      listener.onMatchEnded(instrument.symbol());
    }
    if (order.remainingLots() == 0) {
      // Its last TRADE update already said FILLED.
      close(order, OrderStatus.FILLED, now);
    } else if (selfTradePrevented) {
      close(order, OrderStatus.EXPIRED_IN_MATCH, now);
      report(order, ExecutionType.TRADE_PREVENTION, null, now);
    } else if (order.type == OrderType.MARKET || order.timeInForce != TimeInForce.GTC) {
      close(order, OrderStatus.EXPIRED, now);
      report(order, ExecutionType.EXPIRED, null, now);
    } else {
      order.status = order.executedLots > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
      book.rest(order);
    }
    return result.complete();
  }

  public ExecutionReport cancel(int accountId, long orderId) {
    return cancelOrder(accountId, orderId).toReport();
  }

  /** {@link #cancel} without the report: the outcome is in the engine's reused result. */
  public CommandResult cancelOrder(int accountId, long orderId) {
    Order order = resting(orderId);
    if (order == null || order.accountId != accountId) {
      return result.rejected(Rejection.UNKNOWN_ORDER);
    }
    long now = clock.getAsLong();
    result.begin(order);
    book.remove(order);
    close(order, OrderStatus.CANCELED, now);
    report(order, ExecutionType.CANCELED, null, now);
    return result.complete();
  }

  /**
   * Reduces a resting order's quantity in place, keeping its time priority (Binance's order amend
   * keep-priority); the new quantity must stay above what already executed.
   */
  public ExecutionReport amendQuantity(int accountId, long orderId, long newOriginalLots) {
    return amendOrder(accountId, orderId, newOriginalLots).toReport();
  }

  /** {@link #amendQuantity} without the report: the outcome is in the engine's reused result. */
  public CommandResult amendOrder(int accountId, long orderId, long newOriginalLots) {
    Order order = resting(orderId);
    if (order == null || order.accountId != accountId) {
      return result.rejected(Rejection.UNKNOWN_ORDER);
    }
    if (newOriginalLots >= order.originalLots || newOriginalLots <= order.executedLots) {
      return result.rejected(Rejection.INVALID_AMEND_QUANTITY);
    }
    result.begin(order);
    long reducedBy = order.originalLots - newOriginalLots;
    order.originalLots = newOriginalLots;
    order.updateTimeMillis = clock.getAsLong();
    settlement.release(
        order,
        order.side == Side.BUY
            ? instrument.quoteUnits(order.priceTicks, reducedBy)
            : instrument.baseUnits(reducedBy));
    book.reduce(order, reducedBy);
    report(order, ExecutionType.REPLACED, null, order.updateTimeMillis);
    return result.complete();
  }

  /**
   * Moves a resting order to {@code newPriceTicks} keeping its remaining quantity, as
   * exchange-core's move command does: one command instead of a cancel plus a new order. The order
   * always goes to the back of the queue at the new price, also when that is its current price;
   * otherwise as {@link #moveOrder}.
   */
  public CommandResult movePrice(int accountId, long orderId, long newPriceTicks) {
    if (newPriceTicks <= 0) {
      throw new IllegalArgumentException("price must be positive");
    }
    Order order = resting(orderId);
    if (order == null || order.accountId != accountId) {
      return result.rejected(Rejection.UNKNOWN_ORDER);
    }
    return requeue(order, newPriceTicks, order.remainingLots());
  }

  /**
   * Changes a resting order's price and remaining quantity in place, in one command; the order
   * keeps its id, client order id, creation time and what it already executed. At the same price a
   * lower quantity keeps its time priority (as {@link #amendOrder}); any other change (a new price
   * or a higher quantity) takes it out of its queue: it then matches as a taker at the new price
   * and rests what is left at the back of the new level. Locked funds follow exactly: a BUY's lock
   * becomes the new price times the new remaining quantity, a SELL's the new remaining quantity; a
   * lock the account cannot fund is refused with the order untouched, as is a LIMIT_MAKER order
   * whose new price would take. Self-trade prevention treats the moved order as the taker (it
   * expires, EXPIRE_TAKER).
   */
  public CommandResult moveOrder(
      int accountId, long orderId, long newPriceTicks, long newRemainingLots) {
    if (newPriceTicks <= 0) {
      throw new IllegalArgumentException("price must be positive");
    }
    if (newRemainingLots <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    Order order = resting(orderId);
    if (order == null || order.accountId != accountId) {
      return result.rejected(Rejection.UNKNOWN_ORDER);
    }
    long remaining = order.remainingLots();
    if (newPriceTicks == order.priceTicks && newRemainingLots <= remaining) {
      if (newRemainingLots == remaining) {
        // Nothing changes, so nothing is reported and the order keeps its place.
        result.begin(order);
        return result.complete();
      }
      return amendOrder(accountId, orderId, order.executedLots + newRemainingLots);
    }
    return requeue(order, newPriceTicks, newRemainingLots);
  }

  /**
   * Takes a resting order out of its queue and enters it again at the new price and remaining
   * quantity: it matches as a taker first, then rests what is left at the back of its level.
   */
  private CommandResult requeue(Order order, long newPriceTicks, long newRemainingLots) {
    BookSide opposite = book.side(order.side.opposite());
    if (order.type == OrderType.LIMIT_MAKER) {
      PriceLevel best = opposite.best();
      if (best != null && opposite.reachableBy(newPriceTicks, best)) {
        return result.rejected(Rejection.POST_ONLY_WOULD_TAKE);
      }
    }
    long toLock =
        order.side == Side.BUY
            ? instrument.quoteUnits(newPriceTicks, newRemainingLots)
            : instrument.baseUnits(newRemainingLots);
    long moreToLock = toLock - order.lockedUnits;
    if (moreToLock > 0) {
      if (!settlement.lock(order.accountId, order.side, moreToLock)) {
        return result.rejected(Rejection.INSUFFICIENT_BALANCE);
      }
      order.lockedUnits += moreToLock;
    } else {
      settlement.release(order, -moreToLock);
    }

    long now = clock.getAsLong();
    result.begin(order);
    book.lift(order);
    order.priceTicks = newPriceTicks;
    order.originalLots = order.executedLots + newRemainingLots;
    order.updateTimeMillis = now;
    report(order, ExecutionType.REPLACED, null, now);
    boolean selfTradePrevented = match(order, opposite, now);
    if (result.fillCount() > 0) {
      listener.onMatchEnded(instrument.symbol());
    }
    if (order.remainingLots() == 0) {
      book.forget(order);
      close(order, OrderStatus.FILLED, now);
    } else if (selfTradePrevented) {
      book.forget(order);
      close(order, OrderStatus.EXPIRED_IN_MATCH, now);
      report(order, ExecutionType.TRADE_PREVENTION, null, now);
    } else {
      order.status = order.executedLots > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
      book.requeue(order);
    }
    return result.complete();
  }

  public OrderSnapshot find(int accountId, long orderId) {
    Order order = book.resting(orderId);
    if (order == null) {
      order = closedApiOrdersById.get(orderId);
    }
    if (order != null) {
      return order.accountId == accountId ? order.snapshot(instrument.symbol()) : null;
    }
    if (orderId <= 0 || orderId >= nextOrderId) {
      return null;
    }
    OrderSnapshot closed = closedOrders.find(instrument.symbol(), orderId);
    return closed == null || closed.accountId() != accountId ? null : closed;
  }

  /**
   * Everything {@link #place} checks before it touches the book, without placing: null when the
   * order would be accepted now, otherwise why not ({@code order/test}).
   */
  public Rejection check(NewOrder request) {
    if (request.quoteOrderQtyUnits() > 0) {
      long lots = lotsForQuote(request.side(), request.quoteOrderQtyUnits());
      if (lots == 0) {
        return Rejection.INSUFFICIENT_LIQUIDITY;
      }
      request = request.withQuantity(lots);
    }
    Rejection rejection =
        admission(
            request.accountId(),
            request.clientOrderId(),
            request.side(),
            request.type(),
            request.priceTicks());
    if (rejection != null) {
      return rejection;
    }
    return settlement.canLock(request.accountId(), request.side(), fundsToLock(request))
        ? null
        : Rejection.INSUFFICIENT_BALANCE;
  }

  private Rejection admission(
      int accountId, String clientOrderId, Side side, OrderType type, long priceTicks) {
    if (clientOrderId != null) {
      Order previous = latestByClientOrderId.get(new ClientOrderKey(accountId, clientOrderId));
      if (previous != null && previous.status.isOpen()) {
        return Rejection.DUPLICATE_CLIENT_ORDER_ID;
      }
    }
    if (type == OrderType.LIMIT_MAKER) {
      BookSide opposite = book.side(side.opposite());
      PriceLevel best = opposite.best();
      if (best != null && opposite.reachableBy(priceTicks, best)) {
        return Rejection.POST_ONLY_WOULD_TAKE;
      }
    }
    return null;
  }

  /**
   * What placing the order would lock now: base units for a SELL, quote units for a BUY (a MARKET
   * BUY at the prices on the book). A quote-sized MARKET order must already have its quantity.
   */
  public long fundsToLock(NewOrder request) {
    return fundsToLock(
        request.side(), request.type(), request.priceTicks(), request.quantityLots());
  }

  private long fundsToLock(Side side, OrderType type, long priceTicks, long lots) {
    if (side == Side.SELL) {
      return instrument.baseUnits(lots);
    }
    return type == OrderType.MARKET
        ? costToBuy(book.side(Side.SELL), lots)
        : instrument.quoteUnits(priceTicks, lots);
  }

  /**
   * The size of a quote-sized MARKET order: the most lots it can trade on the book now without
   * spending (BUY) or receiving (SELL) more than {@code quoteUnits}; 0 when not even one lot fits.
   * A budget the whole side cannot absorb sizes the order one lot beyond the book, so it takes
   * every level and then expires, as an order that ran out of liquidity does.
   */
  private long lotsForQuote(Side side, long quoteUnits) {
    long lots = 0;
    long remaining = quoteUnits;
    BookSide opposite = book.side(side.opposite());
    for (int slot = opposite.bestSlot(); slot >= 0; slot--) {
      PriceLevel level = opposite.slot(slot);
      if (level == null) {
        continue;
      }
      long perLot = instrument.quoteUnits(level.priceTicks, 1);
      long take = Math.min(level.totalLots, remaining / perLot);
      lots += take;
      remaining -= take * perLot;
      if (take < level.totalLots) {
        return lots;
      }
    }
    return lots == 0 ? 0 : lots + 1;
  }

  /**
   * The account's orders placed with a client order id (all API orders), open and closed, oldest
   * first; at most the closed-order capacity of them are kept.
   */
  public List<OrderSnapshot> orderHistory(int accountId) {
    ArrayDeque<Order> history = historyByAccount.get(accountId);
    if (history == null) {
      return List.of();
    }
    List<OrderSnapshot> out = new ArrayList<>(history.size());
    for (Order order : history) {
      out.add(order.snapshot(instrument.symbol()));
    }
    return out;
  }

  public OrderSnapshot findByClientOrderId(int accountId, String clientOrderId) {
    Order order = latestByClientOrderId.get(new ClientOrderKey(accountId, clientOrderId));
    return order == null ? null : order.snapshot(instrument.symbol());
  }

  public List<OrderSnapshot> openOrders(int accountId) {
    List<OrderSnapshot> out = new ArrayList<>();
    for (Order order : book.restingOf(accountId)) {
      out.add(order.snapshot(instrument.symbol()));
    }
    out.sort((a, b) -> Long.compare(a.orderId(), b.orderId()));
    return out;
  }

  public List<OrderSnapshot> cancelAll(int accountId) {
    List<OrderSnapshot> canceled = new ArrayList<>();
    for (OrderSnapshot open : openOrders(accountId)) {
      canceled.add(cancel(accountId, open.orderId()).order());
    }
    return canceled;
  }

  public DepthSnapshot depth(int maxLevels) {
    return new DepthSnapshot(
        book.lastUpdateId(), book.depth(Side.BUY, maxLevels), book.depth(Side.SELL, maxLevels));
  }

  /** Best bid or ask in ticks, 0 when that side is empty. */
  public long bestPrice(Side side) {
    return book.bestPrice(side);
  }

  public long lastTradePriceTicks() {
    return lastTradePriceTicks;
  }

  public int restingOrderCount() {
    return book.restingCount();
  }

  public boolean isBookCrossed() {
    return book.isCrossed();
  }

  /** Snapshots of all resting orders, for invariant checks and metrics. */
  public List<OrderSnapshot> restingOrders() {
    List<OrderSnapshot> out = new ArrayList<>(book.restingCount());
    for (Order order : book.restingOrders()) {
      out.add(order.snapshot(instrument.symbol()));
    }
    return out;
  }

  /**
   * Every order object the engine's lookups still refer to: the resting ones, then the recently
   * closed API orders (oldest first). Closed internal-flow orders are only copies in the ring.
   */
  List<Order> referencedOrders() {
    List<Order> out = new ArrayList<>(book.restingOrders());
    for (int i = 0; i < closedOrders.size(); i++) {
      if (closedOrders.clientOrderIdAt(i) != null) {
        out.add(closedApiOrdersById.get(closedOrders.idAt(i)));
      }
    }
    return out;
  }

  /** Snapshots of the recently closed orders as they closed, oldest first (for tests). */
  List<OrderSnapshot> recentlyClosed() {
    List<OrderSnapshot> out = new ArrayList<>(closedOrders.size());
    for (int i = 0; i < closedOrders.size(); i++) {
      out.add(closedOrders.get(instrument.symbol(), i));
    }
    return out;
  }

  OrderPool pool() {
    return pool;
  }

  /** Returns true when matching stopped because the taker met its own resting order. */
  private boolean match(Order taker, BookSide opposite, long now) {
    boolean priceLimited = taker.type != OrderType.MARKET;
    while (taker.remainingLots() > 0) {
      PriceLevel level = opposite.best();
      if (level == null || (priceLimited && !opposite.reachableBy(taker.priceTicks, level))) {
        return false;
      }
      Order maker = level.head;
      if (maker.accountId == taker.accountId) {
        // Self-trade prevention EXPIRE_TAKER: the resting order keeps its place.
        return true;
      }
      long priceTicks = level.priceTicks;
      long lots = Math.min(taker.remainingLots(), maker.remainingLots());
      long tradeId = nextTradeId++;
      settlement.settle(taker, maker, priceTicks, lots);
      execute(taker, priceTicks, lots, now);
      execute(maker, priceTicks, lots, now);
      book.reduce(maker, lots);
      result.addFill(
          tradeId, priceTicks, lots, settlement.takerCommission, settlement.takerCommissionAsset);
      lastTradePriceTicks = priceTicks;
      boolean buyerIsMaker = maker.side == Side.BUY;
      listener.onTrade(
          new Trade(
              instrument.symbol(),
              tradeId,
              priceTicks,
              lots,
              buyerIsMaker ? maker.orderId : taker.orderId,
              buyerIsMaker ? taker.orderId : maker.orderId,
              buyerIsMaker,
              now));
      if (maker.remainingLots() == 0) {
        book.remove(maker);
        close(maker, OrderStatus.FILLED, now);
      } else {
        maker.status = OrderStatus.PARTIALLY_FILLED;
      }
      reportFill(taker, maker, tradeId, priceTicks, lots, now);
    }
    return false;
  }

  private void remember(Order order) {
    ArrayDeque<Order> history =
        historyByAccount.computeIfAbsent(order.accountId, account -> new ArrayDeque<>());
    history.addLast(order);
    if (history.size() > closedOrderCapacity && !history.peekFirst().status.isOpen()) {
      history.pollFirst();
    }
  }

  /** Tells listeners following the maker's or the taker's account about one fill of each. */
  private void reportFill(
      Order taker, Order maker, long tradeId, long priceTicks, long lots, long now) {
    if (listener.followsAccount(maker.accountId)) {
      listener.onOrderUpdate(
          new OrderUpdate(
              maker.snapshot(instrument.symbol()),
              ExecutionType.TRADE,
              new Fill(
                  tradeId,
                  priceTicks,
                  lots,
                  settlement.makerCommission,
                  settlement.makerCommissionAsset,
                  true),
              now));
    }
    if (listener.followsAccount(taker.accountId)) {
      OrderStatus status =
          taker.remainingLots() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
      listener.onOrderUpdate(
          new OrderUpdate(
              taker.snapshot(instrument.symbol(), status),
              ExecutionType.TRADE,
              new Fill(
                  tradeId,
                  priceTicks,
                  lots,
                  settlement.takerCommission,
                  settlement.takerCommissionAsset,
                  false),
              now));
    }
  }

  /** Tells a listener following the order's account what just happened to it. */
  private void report(Order order, ExecutionType type, Fill fill, long now) {
    if (listener.followsAccount(order.accountId)) {
      listener.onOrderUpdate(new OrderUpdate(order.snapshot(instrument.symbol()), type, fill, now));
    }
  }

  private void execute(Order order, long priceTicks, long lots, long now) {
    order.executedLots += lots;
    order.cumulativeQuoteUnits += instrument.quoteUnits(priceTicks, lots);
    order.updateTimeMillis = now;
  }

  /**
   * Closes an order that is out of the book: releases what it still locks and records it in the
   * closed-order ring. An internal-flow order then goes back to the pool; its object stays as it is
   * until the next command acquires one, so this command can still report it.
   */
  private void close(Order order, OrderStatus status, long now) {
    order.status = status;
    order.updateTimeMillis = now;
    settlement.release(order, order.lockedUnits);
    if (order.clientOrderId != null) {
      closedApiOrdersById.put(order.orderId, order);
    }
    long evictedApiOrderId = closedOrders.add(order);
    if (order.clientOrderId == null) {
      pool.release(order);
    }
    if (evictedApiOrderId != 0) {
      Order evicted = closedApiOrdersById.remove(evictedApiOrderId);
      latestByClientOrderId.remove(
          new ClientOrderKey(evicted.accountId, evicted.clientOrderId), evicted);
    }
  }

  private Order resting(long orderId) {
    return book.resting(orderId);
  }

  /** Quote needed to buy {@code lots} at market now; the unused part is released after matching. */
  private long costToBuy(BookSide asks, long lots) {
    long remaining = lots;
    long cost = 0;
    for (int slot = asks.bestSlot(); slot >= 0; slot--) {
      PriceLevel level = asks.slot(slot);
      if (level == null) {
        continue;
      }
      long take = Math.min(remaining, level.totalLots);
      cost = Math.addExact(cost, instrument.quoteUnits(level.priceTicks, take));
      remaining -= take;
      if (remaining == 0) {
        break;
      }
    }
    return cost;
  }

  /** What a FOK order could fill before hitting its price limit or its own resting order. */
  private long fillableWithoutSelfTrade(Order taker, BookSide opposite) {
    long fillable = 0;
    for (int slot = opposite.bestSlot(); slot >= 0; slot--) {
      PriceLevel level = opposite.slot(slot);
      if (level == null) {
        continue;
      }
      if (!opposite.reachableBy(taker.priceTicks, level)) {
        break;
      }
      for (Order maker = level.head; maker != null; maker = maker.next) {
        if (maker.accountId == taker.accountId) {
          return fillable;
        }
        fillable += maker.remainingLots();
        if (fillable >= taker.originalLots) {
          return fillable;
        }
      }
    }
    return fillable;
  }

  private record ClientOrderKey(int accountId, String clientOrderId) {}
}
