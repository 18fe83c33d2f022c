package io.alphintra.strategyengine.execution.live;

import io.alphintra.strategyengine.EngineProperties;
import io.alphintra.strategyengine.config.StrategyConfig;
import io.alphintra.strategyengine.execution.OrderIntent;
import io.alphintra.strategyengine.execution.OrderVenue;
import io.alphintra.strategyengine.execution.VenueStartFailure;
import io.alphintra.strategyengine.position.Fill;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live trading through trading-api on the strategy's own account, with a STRATEGY token. On start
 * it rebuilds positions by replaying the account's fills and picks up its open orders, so a
 * restarted engine trades on from where its predecessor stopped. Placements are retried on 5xx and
 * timeouts with the same clientOrderId (trading-api is idempotent per clientOrderId); fills come
 * back by polling.
 */
public final class LiveVenue implements OrderVenue {

  private static final Logger log = LoggerFactory.getLogger(LiveVenue.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OPEN_STATUSES =
      List.of("PENDING_NEW", "UNKNOWN", "NEW", "PARTIALLY_FILLED");
  private static final int PLACE_ATTEMPTS = 6;
  private static final int PAGE_SIZE = 500;

  private final StrategyConfig config;
  private final TradingApiClient api;
  private final Consumer<Fill> fills;
  private final LiveOrders orders = new LiveOrders();
  private final Set<String> seenFills = new HashSet<>();
  private final Clock clock;
  private final Duration pollInterval;
  private Instant nextPoll = Instant.MIN;
  private String accountPath;

  public LiveVenue(
      StrategyConfig config, EngineProperties properties, Consumer<Fill> fills, Clock clock) {
    this.config = config;
    this.fills = fills;
    this.clock = clock;
    this.pollInterval = properties.pollInterval();
    HttpClient http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
    StrategyTokens tokens =
        new StrategyTokens(
            properties.authUrl(),
            properties.serviceAccountTokenFile(),
            http,
            properties.requestTimeout(),
            clock);
    this.api =
        new TradingApiClient(properties.tradingApiUrl(), http, tokens, properties.requestTimeout());
  }

  @Override
  public synchronized void start() {
    api.authenticate();
    try {
      JsonNode chosen = findAccount();
      requireRoutable(chosen);
      String account = chosen.path("id").asString();
      accountPath = "/api/v1/accounts/" + URLEncoder.encode(account, StandardCharsets.UTF_8);
      rebuildPositions();
      rebuildOpenOrders();
      log.info(
          "trading on account {}: {} fills replayed, {} open orders",
          account,
          seenFills.size(),
          orders.openCount());
    } catch (IOException e) {
      throw new VenueStartFailure("trading-api unreachable: " + e, false);
    }
  }

  private JsonNode findAccount() throws IOException {
    TradingApiClient.Reply reply = api.get("/api/v1/accounts");
    if (!reply.ok()) {
      throw new VenueStartFailure(
          "trading-api answered " + reply.status() + " listing accounts: " + reply.detail(),
          reply.status() == 403);
    }
    // A STRATEGY caller sees only its own accounts; prefer the one owned by this strategy's name.
    JsonNode chosen = null;
    for (JsonNode account : reply.body()) {
      if ("STRATEGY".equals(account.path("ownerType").asString())) {
        if (config.name().equals(account.path("ownerId").asString()) || chosen == null) {
          chosen = account;
        }
      }
    }
    if (chosen == null) {
      throw new VenueStartFailure(
          "trading-api has no account for strategy "
              + config.name()
              + ": an ADMIN must create one (POST /api/v1/accounts with ownerType STRATEGY, ownerId "
              + config.name()
              + " and the strategy's brokerConnection)",
          true);
    }
    return chosen;
  }

  /**
   * Trading starts only once trading-api can route the account's orders: until its mounted
   * connectors file names the account's BrokerConnection, every order would be rejected with
   * NO_CONNECTOR. A trading-api that does not say ({@code routable} absent) is taken at its word.
   */
  private static void requireRoutable(JsonNode account) {
    JsonNode routable = account.path("routable");
    if (routable.isBoolean() && !routable.booleanValue()) {
      throw new VenueStartFailure(
          "trading-api has no connector for BrokerConnection "
              + account.path("brokerConnection").asString()
              + " (account "
              + account.path("id").asString()
              + ") yet; it reads them from its mounted ConfigMap, refreshed by the kubelet about"
              + " once a minute",
          false);
    }
  }

  private void rebuildPositions() throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      TradingApiClient.Reply reply =
          api.get(accountPath + "/fills?page=" + page + "&size=" + PAGE_SIZE);
      requireOk(reply, "reading fills");
      reply.body().forEach(all::add);
      if (reply.body().size() < PAGE_SIZE) {
        break;
      }
    }
    // Newest first on the wire; positions are built oldest first.
    for (int i = all.size() - 1; i >= 0; i--) {
      apply(all.get(i));
    }
  }

  private void rebuildOpenOrders() throws IOException {
    for (String status : OPEN_STATUSES) {
      TradingApiClient.Reply reply =
          api.get(accountPath + "/orders?status=" + status + "&size=" + PAGE_SIZE);
      requireOk(reply, "reading open orders");
      for (JsonNode order : reply.body()) {
        // Its fills so far were among those just replayed.
        track(order, true);
      }
    }
  }

  @Override
  public synchronized Outcome submit(OrderIntent intent) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("clientOrderId", intent.clientOrderId())
            .put("symbol", intent.symbol())
            .put("side", intent.buy() ? "BUY" : "SELL")
            .put("type", "MARKET")
            .put("quantity", intent.signedQuantity().abs().toPlainString());
    long waitMillis = 200;
    for (int attempt = 1; attempt <= PLACE_ATTEMPTS; attempt++) {
      try {
        TradingApiClient.Reply reply = api.post(accountPath + "/orders", body);
        if (reply.ok()) {
          String status = track(reply.body(), false);
          return "FILLED".equals(status) || "PARTIALLY_FILLED".equals(status)
              ? Outcome.FILLED
              : Outcome.ACCEPTED;
        }
        if (!retryable(reply.status())) {
          log.warn(
              "order {} refused by trading-api ({}): {}",
              intent.clientOrderId(),
              reply.status(),
              reply.detail());
          return Outcome.REJECTED;
        }
        log.info(
            "order {}: trading-api answered {}, retrying", intent.clientOrderId(), reply.status());
      } catch (IOException e) {
        log.info("order {}: {}, retrying", intent.clientOrderId(), e.toString());
      }
      sleep(waitMillis);
      waitMillis = Math.min(waitMillis * 2, 2_000);
    }
    // It may exist: poll() asks for it by clientOrderId and drops it if trading-api never saw it.
    orders.unknown(intent.clientOrderId(), intent.symbol(), intent.signedQuantity());
    return Outcome.UNKNOWN;
  }

  @Override
  public synchronized void cancelAll() {
    for (String clientOrderId : orders.open()) {
      try {
        TradingApiClient.Reply reply = api.delete(accountPath + "/orders/" + clientOrderId);
        if (reply.ok()) {
          track(reply.body(), false);
        } else if (reply.status() == 404) {
          orders.forget(clientOrderId);
        } else if (reply.status() != 409) {
          log.warn("cancel of {} answered {}: {}", clientOrderId, reply.status(), reply.detail());
        }
      } catch (IOException e) {
        log.warn("cancel of {} failed, the next poll retries: {}", clientOrderId, e.toString());
      }
    }
  }

  @Override
  public int openOrders() {
    // Not synchronized: /status must answer while a placement is being retried.
    return orders.openCount();
  }

  @Override
  public synchronized BigDecimal pendingQuantity(String symbol) {
    return orders.pending(symbol);
  }

  @Override
  public synchronized void poll() {
    Instant now = clock.instant();
    if (accountPath == null || now.isBefore(nextPoll)) {
      return;
    }
    nextPoll = now.plus(pollInterval);
    try {
      for (String clientOrderId : orders.tracked()) {
        TradingApiClient.Reply reply = api.get(accountPath + "/orders/" + clientOrderId);
        if (reply.ok()) {
          track(reply.body(), false);
        } else if (reply.status() == 404) {
          orders.forget(clientOrderId);
        }
      }
      readNewFills();
    } catch (IOException e) {
      log.warn("trading-api poll failed: {}", e.toString());
    }
  }

  private void readNewFills() throws IOException {
    List<JsonNode> fresh = new ArrayList<>();
    for (int page = 0; ; page++) {
      TradingApiClient.Reply reply = api.get(accountPath + "/fills?page=" + page + "&size=100");
      if (!reply.ok()) {
        return;
      }
      boolean reachedSeen = false;
      for (JsonNode fill : reply.body()) {
        if (seenFills.contains(fill.path("venueFillId").asString())) {
          reachedSeen = true;
          break;
        }
        fresh.add(fill);
      }
      if (reachedSeen || reply.body().size() < 100) {
        break;
      }
    }
    for (int i = fresh.size() - 1; i >= 0; i--) {
      apply(fresh.get(i));
    }
  }

  /** Applies one trading-api fill unless it was applied already. */
  private void apply(JsonNode fill) {
    if (!seenFills.add(fill.path("venueFillId").asString())) {
      return;
    }
    String symbol = fill.path("symbol").asString();
    BigDecimal quantity = decimal(fill.path("quantity"));
    orders.fillApplied(fill.path("orderId").asString(null), quantity);
    String feeAsset = fill.path("feeAsset").asString(null);
    // trading-api keeps PnL in the quote asset: a fee charged in the base asset is not deducted.
    BigDecimal fee =
        feeAsset == null || symbol.endsWith(feeAsset) ? decimal(fill.path("fee")) : BigDecimal.ZERO;
    fills.accept(
        new Fill(
            symbol,
            "SELL".equals(fill.path("side").asString()) ? quantity.negate() : quantity,
            decimal(fill.path("price")),
            fee,
            Instant.parse(fill.path("executedAt").asString(Instant.EPOCH.toString()))));
  }

  /** Records trading-api's view of an order; returns its status. */
  private String track(JsonNode order, boolean fillsAlreadyApplied) {
    String status = order.path("status").asString();
    BigDecimal quantity = decimal(order.path("quantity"));
    orders.update(
        order.path("clientOrderId").asString(),
        order.path("orderId").asString(null),
        order.path("symbol").asString(),
        "SELL".equals(order.path("side").asString()) ? quantity.negate() : quantity,
        status,
        decimal(order.path("filledQuantity")),
        fillsAlreadyApplied);
    return status;
  }

  private static boolean retryable(int status) {
    return status == 502 || status == 503 || status == 504 || status == 429;
  }

  private static void requireOk(TradingApiClient.Reply reply, String what) {
    if (!reply.ok()) {
      throw new VenueStartFailure(
          "trading-api answered " + reply.status() + " " + what + ": " + reply.detail(), false);
    }
  }

  private static BigDecimal decimal(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return BigDecimal.ZERO;
    }
    return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
