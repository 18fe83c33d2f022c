package io.alphintra.brokerconnector.fill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The account's fills per symbol, ordered and deduplicated by venue trade id, that subscribers read
 * after the last trade id they processed. A fill becomes readable only once everything before it is
 * known to be held: while the user-data feed is down or recovering, readers see nothing past the
 * last trade id seen before the gap, so no reader can move its cursor past a fill that recovery
 * inserts later. In memory: a restarted connector refills it from the venue's {@code myTrades}.
 */
@Component
public class FillJournal {

  /** Fills kept per symbol; older ones must be read from the venue. */
  static final int HELD_PER_SYMBOL = 10_000;

  private static final Comparator<Fill> ORDER =
      Comparator.comparingLong(Fill::tradeId).thenComparingLong(Fill::orderId);

  private final Map<String, SymbolFills> symbols = new ConcurrentHashMap<>();
  private volatile Consumer<Fill> published = fill -> {};

  /**
   * Where each fill goes once it becomes readable (the execution journal): per symbol in trade-id
   * order, each once, under the symbol's lock so they arrive in that order.
   */
  public void onReadable(Consumer<Fill> listener) {
    this.published = listener;
  }

  /** Records a fill; false when it was already held (a duplicate from the feed or recovery). */
  public boolean record(Fill fill) {
    SymbolFills book = book(fill.symbol());
    synchronized (book) {
      if (fill.tradeId() < book.heldFrom || book.fills.containsKey(fill)) {
        return false;
      }
      book.fills.put(fill, fill);
      if (book.complete) {
        publish(book, fill);
      }
      while (book.fills.size() > HELD_PER_SYMBOL) {
        book.heldFrom = book.fills.pollFirstEntry().getKey().tradeId() + 1;
      }
      return true;
    }
  }

  /** The feed lost the venue: freeze what readers see at the last trade id held before the gap. */
  public void gapOpened(String symbol) {
    SymbolFills book = book(symbol);
    synchronized (book) {
      if (book.complete) {
        book.complete = false;
        book.readableUpTo = lastTradeId(book);
      }
    }
  }

  /** Recovery after a (re)connect finished: every fill so far is held, and the feed follows. */
  public void gapClosed(String symbol, long completeFromTradeId) {
    SymbolFills book = book(symbol);
    synchronized (book) {
      if (!book.everComplete) {
        book.heldFrom = Math.max(book.heldFrom, completeFromTradeId);
        book.everComplete = true;
      }
      book.complete = true;
      Fill from = book.lastPublished;
      for (Fill fill :
          List.copyOf(
              from == null ? book.fills.keySet() : book.fills.tailMap(from, false).keySet())) {
        publish(book, fill);
      }
    }
  }

  private void publish(SymbolFills book, Fill fill) {
    if (book.lastPublished == null || ORDER.compare(fill, book.lastPublished) > 0) {
      book.lastPublished = fill;
    }
    published.accept(fill);
  }

  /** Highest trade id held for {@code symbol}, or -1; recovery asks the venue from the next one. */
  public long lastTradeId(String symbol) {
    SymbolFills book = book(symbol);
    synchronized (book) {
      return lastTradeId(book);
    }
  }

  /** Whether the journal has never been complete for {@code symbol} (first recovery pending). */
  public boolean neverComplete(String symbol) {
    SymbolFills book = book(symbol);
    synchronized (book) {
      return !book.everComplete;
    }
  }

  /**
   * Up to {@code limit} readable fills with a trade id above {@code afterTradeId}, oldest first.
   *
   * @throws FillsNoLongerHeld when fills after {@code afterTradeId} were already dropped
   */
  public List<Fill> after(String symbol, long afterTradeId, int limit) {
    SymbolFills book = book(symbol);
    synchronized (book) {
      if (book.everComplete && afterTradeId < book.heldFrom - 1) {
        throw new FillsNoLongerHeld(symbol, afterTradeId, book.heldFrom);
      }
      List<Fill> page = new ArrayList<>();
      Fill from =
          new Fill(
              symbol, afterTradeId, Long.MAX_VALUE, null, "", null, null, null, null, false, 0);
      for (Fill fill : book.fills.tailMap(from, false).keySet()) {
        if (page.size() >= limit || (!book.complete && fill.tradeId() > book.readableUpTo)) {
          break;
        }
        page.add(fill);
      }
      return page;
    }
  }

  private SymbolFills book(String symbol) {
    return symbols.computeIfAbsent(symbol, s -> new SymbolFills());
  }

  private static long lastTradeId(SymbolFills book) {
    return book.fills.isEmpty() ? -1 : book.fills.lastKey().tradeId();
  }

  private static final class SymbolFills {
    final TreeMap<Fill, Fill> fills = new TreeMap<>(ORDER);
    long heldFrom;
    long readableUpTo = -1;
    boolean complete;
    boolean everComplete;
    Fill lastPublished;
  }

  /** A reader's cursor points before the oldest fill still held. */
  public static final class FillsNoLongerHeld extends RuntimeException {
    FillsNoLongerHeld(String symbol, long afterTradeId, long heldFrom) {
      super(
          "afterTradeId="
              + afterTradeId
              + " is older than the fills held for "
              + symbol
              + " (from trade id "
              + heldFrom
              + "); read the gap from the venue's myTrades with fromId="
              + (afterTradeId + 1)
              + ", then continue here from afterTradeId="
              + (heldFrom - 1));
    }
  }
}
