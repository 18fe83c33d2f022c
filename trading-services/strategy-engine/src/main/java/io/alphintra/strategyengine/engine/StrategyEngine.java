package io.alphintra.strategyengine.engine;

import io.alphintra.strategyengine.EngineProperties;
import io.alphintra.strategyengine.config.InvalidStrategyConfig;
import io.alphintra.strategyengine.config.StrategyConfig;
import io.alphintra.strategyengine.config.StrategyConfig.TradingMode;
import io.alphintra.strategyengine.config.StrategyConfigReader;
import io.alphintra.strategyengine.execution.OrderIntent;
import io.alphintra.strategyengine.execution.OrderVenue;
import io.alphintra.strategyengine.execution.PaperVenue;
import io.alphintra.strategyengine.execution.VenueStartFailure;
import io.alphintra.strategyengine.execution.live.LiveVenue;
import io.alphintra.strategyengine.marketdata.MarketDataFeed;
import io.alphintra.strategyengine.marketdata.MarketListener;
import io.alphintra.strategyengine.marketdata.OrderBook;
import io.alphintra.strategyengine.position.Fill;
import io.alphintra.strategyengine.position.Portfolio;
import io.alphintra.strategyengine.risk.RiskGuard;
import io.alphintra.strategyengine.signal.Candle;
import io.alphintra.strategyengine.signal.CandleAggregator;
import io.alphintra.strategyengine.signal.SignalModel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the one strategy of this pod: trades become candles, candles feed the signal model, a
 * changed target position becomes a market order once the risk guard lets it through, fills move
 * the portfolio. Phase changes (suspend, resume, drain, halt) come from {@link EngineController}
 * and from the risk guard.
 */
@Component
public class StrategyEngine implements SmartLifecycle, MarketListener {

  private static final Logger log = LoggerFactory.getLogger(StrategyEngine.class);
  private static final Set<Phase> STOPPED_TRADING =
      EnumSet.of(Phase.SUSPENDED, Phase.DRAINING, Phase.HALTED);
  private static final long CANCEL_RETRY_MILLIS = 1_000;

  private final EngineProperties properties;
  private final Clock clock;
  private final EngineMetrics metrics;
  private final Portfolio portfolio = new Portfolio();
  private final Map<String, CandleAggregator> candles = new HashMap<>();
  private final Map<String, SignalModel> models = new HashMap<>();
  private final AtomicLong orderSequence = new AtomicLong();

  /**
   * Candles are decided on one thread of their own, in order: a Live placement (with its retries)
   * must not hold up the market-data stream's thread.
   */
  private final ExecutorService decisions =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("decisions").factory());

  private final String orderIdPrefix;
  private StrategyConfig config;
  private RiskGuard risk;
  private volatile OrderVenue venue;
  private volatile MarketDataFeed feed;
  private volatile Phase phase = Phase.STARTING;
  private volatile String haltReason;
  private volatile String failureReason;
  private volatile String startingReason;
  private volatile Instant lastSignalTime;
  private volatile long ordersToday;
  private LocalDate ordersDay;
  private volatile boolean running;
  private Thread starter;
  private long lastCancelMillis;

  StrategyEngine(EngineProperties properties, Clock clock, EngineMetrics metrics) {
    this.properties = properties;
    this.clock = clock;
    this.metrics = metrics;
    // Unique per pod start, so a restarted engine never reuses a clientOrderId of its predecessor.
    this.orderIdPrefix = "se-" + Long.toString(clock.millis(), 36) + "-";
    try {
      config = StrategyConfigReader.read(properties.configFile());
      risk = new RiskGuard(config.risk());
      for (String symbol : config.symbols()) {
        candles.put(symbol, new CandleAggregator(symbol, config.candleInterval()));
        models.put(symbol, SignalModel.of(config));
      }
    } catch (InvalidStrategyConfig e) {
      fail(e.getMessage());
    }
    metrics.bind(this, portfolio);
  }

  @Override
  public void start() {
    running = true;
    if (phase == Phase.FAILED) {
      return;
    }
    feed =
        new MarketDataFeed(
            properties.connectorUrl(),
            config.symbols(),
            this,
            properties.reconnectMin(),
            properties.reconnectMax(),
            properties.requestTimeout());
    metrics.bind(feed);
    venue =
        config.mode() == TradingMode.Live
            ? new LiveVenue(config, properties, this::onFill, clock)
            : new PaperVenue(feed::book, properties.takerFee(), this::onFill, clock);
    feed.start();
    starter = Thread.ofVirtual().name("engine-start").start(this::startVenue);
  }

  /** Live start-up talks to auth-service and trading-api: retried until it works or cannot. */
  private void startVenue() {
    long waitMillis = 500;
    while (running) {
      try {
        venue.start();
        synchronized (this) {
          if (phase == Phase.STARTING) {
            transition(Phase.RUNNING);
          }
        }
        return;
      } catch (VenueStartFailure e) {
        if (e.permanent()) {
          fail(e.getMessage());
          return;
        }
        startingReason = e.getMessage();
        log.warn("not ready to trade yet, retrying in {} ms: {}", waitMillis, e.getMessage());
      }
      try {
        Thread.sleep(waitMillis);
      } catch (InterruptedException e) {
        return;
      }
      waitMillis = Math.min(waitMillis * 2, 10_000);
    }
  }

  @Override
  public void stop() {
    running = false;
    if (starter != null) {
      starter.interrupt();
    }
    if (feed != null) {
      feed.close();
    }
    decisions.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void onTrade(String symbol, BigDecimal price, BigDecimal quantity, long timeMillis) {
    portfolio.mark(symbol, price);
    CandleAggregator aggregator = candles.get(symbol);
    if (aggregator != null) {
      aggregator.onTrade(price, quantity, timeMillis).ifPresent(this::decide);
    }
  }

  /** Closes candles whose interval ended without a later trade; checks equity; polls Live. */
  @Scheduled(fixedDelayString = "${alphintra.strategy.tick:200ms}")
  void tick() {
    if (!running || phase == Phase.FAILED || venue == null) {
      return;
    }
    long now = clock.millis();
    candles.values().forEach(aggregator -> aggregator.closeIfDue(now).ifPresent(this::decide));
    if (phase != Phase.STARTING) {
      venue.poll();
    }
    synchronized (this) {
      checkEquity();
      if (phase == Phase.DRAINING && venue.openOrders() == 0) {
        transition(Phase.DRAINED);
      }
      if (STOPPED_TRADING.contains(phase)
          && venue.openOrders() > 0
          && now - lastCancelMillis >= CANCEL_RETRY_MILLIS) {
        // A cancel that failed (or an order that appeared after it) is tried again.
        lastCancelMillis = now;
        venue.cancelAll();
      }
    }
  }

  private void decide(Candle candle) {
    if (running) {
      decisions.execute(() -> onCandle(candle));
    }
  }

  synchronized void onCandle(Candle candle) {
    metrics.candle();
    SignalModel model = models.get(candle.symbol());
    Optional<BigDecimal> target = model.onClose(candle.close());
    if (target.isEmpty()) {
      return;
    }
    lastSignalTime = clock.instant();
    metrics.signal();
    if (phase == Phase.RUNNING) {
      rebalance(candle.symbol(), target.get());
    }
  }

  private void rebalance(String symbol, BigDecimal target) {
    BigDecimal current = portfolio.position(symbol).quantity().add(venue.pendingQuantity(symbol));
    BigDecimal delta = target.subtract(current);
    if (delta.signum() == 0) {
      return;
    }
    BigDecimal price = referencePrice(symbol, delta.signum() > 0);
    if (price == null) {
      log.info("signal for {} skipped: no price observed yet", symbol);
      return;
    }
    Instant now = clock.instant();
    Optional<String> breach =
        risk.checkOrder(delta, price, portfolio.position(symbol).quantity(), now);
    if (breach.isPresent()) {
      halt(breach.get());
      return;
    }
    risk.orderPlaced(now);
    countOrderToday(now);
    OrderIntent intent =
        new OrderIntent(orderIdPrefix + orderSequence.incrementAndGet(), symbol, delta);
    OrderVenue.Outcome outcome = venue.submit(intent);
    metrics.order(intent, outcome);
    log.info("order {} {} {}: {}", intent.clientOrderId(), symbol, delta.toPlainString(), outcome);
  }

  private BigDecimal referencePrice(String symbol, boolean buy) {
    OrderBook book = feed.book(symbol);
    BigDecimal touch = book == null || !book.ready() ? null : book.touch(buy);
    return touch != null ? touch : portfolio.lastPrice(symbol);
  }

  private void countOrderToday(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!today.equals(ordersDay)) {
      ordersDay = today;
      ordersToday = 0;
    }
    ordersToday++;
  }

  /** A fill of one of the strategy's orders, simulated or read back from trading-api. */
  void onFill(Fill fill) {
    portfolio.apply(fill);
    metrics.fill(fill);
  }

  private void checkEquity() {
    if (risk == null || phase != Phase.RUNNING) {
      return;
    }
    BigDecimal equity =
        config.capital().add(portfolio.realizedPnl()).add(portfolio.unrealizedPnl());
    risk.checkEquity(equity, clock.instant()).ifPresent(this::halt);
  }

  private void halt(String reason) {
    log.warn("halted: {}", reason);
    haltReason = reason;
    transition(Phase.HALTED);
    cancelOpenOrders();
  }

  private void fail(String reason) {
    log.error("strategy cannot run: {}", reason);
    failureReason = reason;
    transition(Phase.FAILED);
  }

  /** Stops placing orders and cancels the open ones; resumable. */
  public synchronized Phase suspend() {
    if (phase == Phase.RUNNING || phase == Phase.HALTED || phase == Phase.STARTING) {
      transition(Phase.SUSPENDED);
      cancelOpenOrders();
    }
    return phase;
  }

  /** Back to RUNNING from SUSPENDED or HALTED (clearing the halt). */
  public synchronized Phase resume() {
    if (phase == Phase.DRAINING || phase == Phase.DRAINED || phase == Phase.FAILED) {
      throw new IllegalStateException(
          "cannot resume a "
              + phase
              + " engine: a drained or failed strategy is restarted, not"
              + " resumed");
    }
    if (phase == Phase.SUSPENDED || phase == Phase.HALTED) {
      haltReason = null;
      risk.rebase();
      transition(venue != null && venueStarted() ? Phase.RUNNING : Phase.STARTING);
    }
    return phase;
  }

  /** Stops new orders for good and cancels the open ones; DRAINED once none is left. */
  public synchronized Phase drain() {
    if (phase == Phase.DRAINING || phase == Phase.DRAINED) {
      return phase;
    }
    transition(Phase.DRAINING);
    cancelOpenOrders();
    if (venue == null || venue.openOrders() == 0) {
      transition(Phase.DRAINED);
    }
    return phase;
  }

  private boolean venueStarted() {
    return starter == null || !starter.isAlive();
  }

  private void cancelOpenOrders() {
    lastCancelMillis = clock.millis();
    if (venue != null) {
      venue.cancelAll();
    }
  }

  private void transition(Phase next) {
    if (phase != next) {
      log.info("phase {} -> {}", phase, next);
      phase = next;
    }
  }

  public Phase phase() {
    return phase;
  }

  /** What {@code GET /status} answers. */
  public EngineStatus status() {
    return EngineStatus.of(
        phase,
        config,
        portfolio,
        ordersTodayAsOf(clock.instant()),
        venue == null ? 0 : venue.openOrders(),
        lastSignalTime,
        haltReason,
        failureReason,
        startingReason);
  }

  private long ordersTodayAsOf(Instant now) {
    LocalDate day = ordersDay;
    return day != null && day.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? ordersToday : 0;
  }
}
