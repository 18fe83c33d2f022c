package io.alphintra.strategyengine.execution;

import io.alphintra.strategyengine.marketdata.OrderBook;
import io.alphintra.strategyengine.marketdata.OrderBook.Level;
import io.alphintra.strategyengine.position.Fill;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Paper trading: no order leaves the pod. A market order fills at once against the opposite side of
 * the observed book, level by level from the touch, as a taker paying {@code takerFee} of the
 * notional; what the book cannot fill is dropped (immediate-or-cancel), so no order stays open.
 */
public final class PaperVenue implements OrderVenue {

  private final Function<String, OrderBook> books;
  private final BigDecimal takerFee;
  private final Consumer<Fill> fills;
  private final Clock clock;

  public PaperVenue(
      Function<String, OrderBook> books, BigDecimal takerFee, Consumer<Fill> fills, Clock clock) {
    this.books = books;
    this.takerFee = takerFee;
    this.fills = fills;
    this.clock = clock;
  }

  @Override
  public Outcome submit(OrderIntent intent) {
    OrderBook book = books.apply(intent.symbol());
    Optional<Fill> fill = book == null || !book.ready() ? Optional.empty() : simulate(book, intent);
    fill.ifPresent(fills);
    return fill.isPresent() ? Outcome.FILLED : Outcome.REJECTED;
  }

  /** The fill a taker order would get from {@code book}: VWAP over the levels it walks. */
  Optional<Fill> simulate(OrderBook book, OrderIntent intent) {
    BigDecimal remaining = intent.signedQuantity().abs();
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal notional = BigDecimal.ZERO;
    for (Level level : book.oppositeSide(intent.buy())) {
      if (remaining.signum() == 0) {
        break;
      }
      BigDecimal taken = remaining.min(level.quantity());
      filled = filled.add(taken);
      notional = notional.add(taken.multiply(level.price()));
      remaining = remaining.subtract(taken);
    }
    if (filled.signum() == 0) {
      return Optional.empty();
    }
    BigDecimal price = notional.divide(filled, MathContext.DECIMAL128);
    return Optional.of(
        new Fill(
            intent.symbol(),
            intent.buy() ? filled : filled.negate(),
            price,
            notional.multiply(takerFee),
            clock.instant()));
  }

  @Override
  public void cancelAll() {
    // Paper orders fill or drop at once: none is ever open.
  }

  @Override
  public int openOrders() {
    return 0;
  }

  @Override
  public BigDecimal pendingQuantity(String symbol) {
    return BigDecimal.ZERO;
  }
}
