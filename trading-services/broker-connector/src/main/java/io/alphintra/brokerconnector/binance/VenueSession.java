package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.filters.SymbolRules;
import io.alphintra.brokerconnector.filters.SymbolRulesBook;
import io.alphintra.brokerconnector.health.BrokerHealthState;
import io.alphintra.brokerconnector.order.OrderDesk;
import io.alphintra.brokerconnector.ratelimit.RateLimitWaitExceeded;
import io.alphintra.brokerconnector.ratelimit.VenueRateLimiter;
import io.alphintra.brokerconnector.venue.BrokerProperties;
import io.alphintra.brokerconnector.venue.VenueClock;
import io.alphintra.brokerconnector.venue.VenueException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The connector's session with the venue: at startup it measures the clock offset, loads symbol
 * rules and rate limits, and rediscovers open orders; then it keeps all three fresh and probes
 * connectivity and authentication. Until the first start-up succeeds orders are refused (503
 * NOT_CONNECTED); the app stays ready, so the health endpoint stays reachable through its Service.
 */
@Component
class VenueSession implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(VenueSession.class);

  private final BinanceRestClient client;
  private final BinanceClockSync clockSync;
  private final VenueClock clock;
  private final VenueRateLimiter limiter;
  private final SymbolRulesBook rules;
  private final OrderDesk desk;
  private final BrokerHealthState health;
  private final List<String> symbols;
  private final AtomicBoolean started = new AtomicBoolean();

  VenueSession(
      BinanceRestClient client,
      BinanceClockSync clockSync,
      VenueClock clock,
      VenueRateLimiter limiter,
      SymbolRulesBook rules,
      OrderDesk desk,
      BrokerHealthState health,
      BrokerProperties properties) {
    this.client = client;
    this.clockSync = clockSync;
    this.clock = clock;
    this.limiter = limiter;
    this.rules = rules;
    this.desk = desk;
    this.health = health;
    this.symbols = properties.symbols();
  }

  @Override
  public void run(ApplicationArguments args) {
    // A venue that is down must not stop the app from starting: orders are refused with
    // 503 NOT_CONNECTED, the health endpoint says why, and the schedule below retries.
    start();
  }

  /** Retried by the schedule below until it succeeds once. */
  private void start() {
    try {
      synchronizeClock();
      loadExchangeInfo();
      int adopted = desk.adoptOpenOrders();
      log.info(
          "Venue session up: clock offset {} ms, {} symbols, {} open orders rediscovered",
          clock.offsetMillis(),
          symbols.size(),
          adopted);
      started.set(true);
      health.sessionReady();
    } catch (VenueException | RateLimitWaitExceeded | IllegalStateException e) {
      health.error("venue session start failed: " + e.getMessage());
      log.warn("Venue session not up yet ({}); retrying", e.getMessage());
    }
  }

  @Scheduled(
      initialDelayString = "${alphintra.broker.session-retry:5s}",
      fixedDelayString = "${alphintra.broker.session-retry:5s}")
  void retryStart() {
    if (!started.get()) {
      start();
    }
  }

  private void synchronizeClock() {
    clockSync.synchronizeClock();
  }

  /** Probes the venue's clock (latency, offset drift) every 10 s: 6 weight per minute. */
  @Scheduled(
      initialDelayString = "${alphintra.broker.probe-interval:10s}",
      fixedDelayString = "${alphintra.broker.probe-interval:10s}")
  void probe() {
    try {
      clockSync.probe();
    } catch (VenueException | RateLimitWaitExceeded e) {
      log.debug("Venue probe failed: {}", e.getMessage());
    }
  }

  /**
   * Confirms the credentials even when no orders flow (20 weight per minute). Like the clock probe
   * it only goes when budget is free right now: it must never queue behind orders.
   */
  @Scheduled(
      initialDelayString = "${alphintra.broker.auth-probe-interval:60s}",
      fixedDelayString = "${alphintra.broker.auth-probe-interval:60s}")
  void probeAuthentication() {
    try {
      client.signed(
          "GET",
          "/api/v3/account",
          Map.of("omitZeroBalances", "true"),
          RequestWeights.ACCOUNT,
          false,
          Duration.ZERO);
    } catch (VenueException | RateLimitWaitExceeded e) {
      log.debug("Authentication probe failed: {}", e.getMessage());
    }
  }

  /** Symbol rules change rarely but do change (tick size updates): refresh hourly. */
  @Scheduled(
      initialDelayString = "${alphintra.broker.exchange-info-refresh:1h}",
      fixedDelayString = "${alphintra.broker.exchange-info-refresh:1h}")
  void refreshExchangeInfo() {
    try {
      loadExchangeInfo();
    } catch (VenueException | RateLimitWaitExceeded e) {
      log.warn("Refreshing exchangeInfo failed: {}", e.getMessage());
    }
  }

  private void loadExchangeInfo() {
    JsonNode info =
        symbols.isEmpty()
            ? client.publicGet("/api/v3/exchangeInfo", Map.of(), RequestWeights.EXCHANGE_INFO)
            : client.publicGet(
                "/api/v3/exchangeInfo",
                Map.of("symbols", "[\"" + String.join("\",\"", symbols) + "\"]"),
                RequestWeights.EXCHANGE_INFO);
    BinanceExchangeInfo.RateLimits limits = BinanceExchangeInfo.rateLimits(info);
    limiter.applyVenueLimits(limits.requestWeightPerMinute(), limits.ordersPer10Seconds());
    List<SymbolRules> listed = BinanceExchangeInfo.symbols(info);
    rules.replace(listed);
    if (listed.size() < symbols.size()) {
      throw new IllegalStateException(
          "the venue does not list all of ALPHINTRA_BROKER_SYMBOLS " + symbols);
    }
  }
}
