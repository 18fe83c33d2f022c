package io.alphintra.brokersimulator.market;

import io.alphintra.brokersimulator.account.Ledger;
import io.alphintra.brokersimulator.engine.DepthSnapshot;
import io.alphintra.brokersimulator.engine.ExecutionReport;
import io.alphintra.brokersimulator.engine.MarketEventListener;
import io.alphintra.brokersimulator.engine.MatchingEngine;
import io.alphintra.brokersimulator.engine.NewOrder;
import io.alphintra.brokersimulator.engine.OrderSnapshot;
import io.alphintra.brokersimulator.engine.Rejection;
import io.alphintra.brokersimulator.engine.Side;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * All listed symbols. Each symbol has exactly one writer at a time (its lock), so REST requests and
 * simulated participants can call in from any thread while every engine stays single-threaded.
 */
public final class Exchange {

  private final Ledger ledger;
  private final Map<String, Listing> listings = new LinkedHashMap<>();
  private final ExchangeObserver observer;

  public Exchange(
      Ledger ledger,
      List<SymbolSpec> specs,
      MarketEventListener listener,
      LongSupplier clock,
      int closedOrderCapacity,
      int restingOrderCapacity,
      ExchangeObserver observer) {
    this.ledger = ledger;
    this.observer = observer;
    for (SymbolSpec spec : specs) {
      MatchingEngine engine =
          new MatchingEngine(
              spec.instrument(),
              ledger,
              listener,
              clock,
              closedOrderCapacity,
              restingOrderCapacity);
      if (listings.put(spec.symbol(), new Listing(spec, engine)) != null) {
        throw new IllegalArgumentException("symbol listed twice: " + spec.symbol());
      }
    }
  }

  public Ledger ledger() {
    return ledger;
  }

  public Optional<SymbolSpec> spec(String symbol) {
    Listing listing = listings.get(symbol);
    return listing == null ? Optional.empty() : Optional.of(listing.spec);
  }

  public Collection<SymbolSpec> specs() {
    return listings.values().stream().map(listing -> listing.spec).toList();
  }

  public ExecutionReport place(String symbol, NewOrder order) {
    Listing listing = listing(symbol);
    listing.lock.lock();
    try {
      long start = System.nanoTime();
      ExecutionReport report = listing.engine.place(order);
      long nanos = System.nanoTime() - start;
      listing.restingOrders = listing.engine.restingOrderCount();
      observer.onOrderProcessed(symbol, report, nanos);
      return report;
    } finally {
      listing.lock.unlock();
    }
  }

  public ExecutionReport cancel(String symbol, int accountId, long orderId) {
    return write(symbol, engine -> engine.cancel(accountId, orderId));
  }

  public ExecutionReport amendQuantity(String symbol, int accountId, long orderId, long newLots) {
    return write(symbol, engine -> engine.amendQuantity(accountId, orderId, newLots));
  }

  public List<OrderSnapshot> cancelAll(String symbol, int accountId) {
    return write(symbol, engine -> engine.cancelAll(accountId));
  }

  public Optional<OrderSnapshot> find(String symbol, int accountId, long orderId) {
    return Optional.ofNullable(write(symbol, engine -> engine.find(accountId, orderId)));
  }

  public Optional<OrderSnapshot> findByClientOrderId(
      String symbol, int accountId, String clientOrderId) {
    return Optional.ofNullable(
        write(symbol, engine -> engine.findByClientOrderId(accountId, clientOrderId)));
  }

  public List<OrderSnapshot> openOrders(String symbol, int accountId) {
    return write(symbol, engine -> engine.openOrders(accountId));
  }

  /** Whether the engine would accept the order now (null) or why not; places nothing. */
  public Rejection check(String symbol, NewOrder order) {
    return write(symbol, engine -> engine.check(order));
  }

  /** The account's API orders on the symbol, open and closed, oldest first. */
  public List<OrderSnapshot> orderHistory(String symbol, int accountId) {
    return write(symbol, engine -> engine.orderHistory(accountId));
  }

  public DepthSnapshot depth(String symbol, int levels) {
    return write(symbol, engine -> engine.depth(levels));
  }

  public Quote quote(String symbol) {
    return write(
        symbol,
        engine ->
            new Quote(
                engine.bestPrice(Side.BUY),
                engine.bestPrice(Side.SELL),
                engine.lastTradePriceTicks()));
  }

  /** Resting orders of a symbol as of its last order command; read without taking the lock. */
  public int restingOrders(String symbol) {
    return listing(symbol).restingOrders;
  }

  /** Runs any command as the symbol's single writer. */
  public <T> T write(String symbol, Function<MatchingEngine, T> command) {
    Listing listing = listing(symbol);
    listing.lock.lock();
    try {
      T result = command.apply(listing.engine);
      listing.restingOrders = listing.engine.restingOrderCount();
      return result;
    } finally {
      listing.lock.unlock();
    }
  }

  private Listing listing(String symbol) {
    Listing listing = listings.get(symbol);
    if (listing == null) {
      throw new IllegalArgumentException("unknown symbol " + symbol);
    }
    return listing;
  }

  /** Best bid, best ask and last trade in ticks; 0 where there is none. */
  public record Quote(long bestBidTicks, long bestAskTicks, long lastTradeTicks) {}

  private static final class Listing {
    final SymbolSpec spec;
    final MatchingEngine engine;
    final ReentrantLock lock = new ReentrantLock();
    volatile int restingOrders;

    Listing(SymbolSpec spec, MatchingEngine engine) {
      this.spec = spec;
      this.engine = engine;
    }
  }
}
