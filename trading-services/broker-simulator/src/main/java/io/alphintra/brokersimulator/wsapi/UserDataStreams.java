package io.alphintra.brokersimulator.wsapi;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Ledger;
import io.alphintra.brokersimulator.engine.MarketEventListener;
import io.alphintra.brokersimulator.engine.OrderUpdate;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The user-data feed of the WebSocket API: every order update of a subscribed account becomes an
 * {@code executionReport} followed by an {@code outboundAccountPosition} with the balances of the
 * symbol's two assets, each wrapped as {@code {"subscriptionId": n, "event": {...}}}.
 *
 * <p>The engine reports on its writer thread under the symbol's lock: the order and balance state
 * is captured there, formatting and sending happen on one publisher thread, in order.
 */
public final class UserDataStreams implements MarketEventListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UserDataStreams.class);

  private final Ledger ledger;
  private final Map<String, SymbolSpec> specs = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final LongSupplier clock;
  private final Map<Integer, Set<Subscription>> byAccount = new ConcurrentHashMap<>();
  private final AtomicLong executionIds = new AtomicLong();
  private final ExecutorService publisher =
      Executors.newSingleThreadExecutor(
          runnable -> Thread.ofPlatform().name("user-data-publisher").daemon().unstarted(runnable));

  public UserDataStreams(
      Ledger ledger, List<SymbolSpec> specs, ObjectMapper json, LongSupplier clock) {
    this.ledger = ledger;
    specs.forEach(spec -> this.specs.put(spec.symbol(), spec));
    this.json = json;
    this.clock = clock;
  }

  /** One account's events on one connection. */
  record Subscription(WebSocketSession session, int subscriptionId, int accountId) {}

  void subscribe(Subscription subscription) {
    byAccount
        .computeIfAbsent(subscription.accountId(), id -> new CopyOnWriteArraySet<>())
        .add(subscription);
  }

  void unsubscribe(Subscription subscription) {
    Set<Subscription> subscriptions = byAccount.get(subscription.accountId());
    if (subscriptions != null) {
      subscriptions.remove(subscription);
    }
  }

  @Override
  public boolean followsAccount(int accountId) {
    Set<Subscription> subscriptions = byAccount.get(accountId);
    return subscriptions != null && !subscriptions.isEmpty();
  }

  @Override
  public void onOrderUpdate(OrderUpdate update) {
    SymbolSpec spec = specs.get(update.order().symbol());
    Account account = ledger.account(update.order().accountId());
    int base = spec.instrument().baseAsset();
    int quote = spec.instrument().quoteAsset();
    Account.Balances snapshot = account.balances();
    long[] balances = {
      snapshot.free(base), snapshot.locked(base), snapshot.free(quote), snapshot.locked(quote)
    };
    long executionId = executionIds.incrementAndGet();
    long eventTime = clock.getAsLong();
    publisher.execute(
        () -> {
          Map<String, Object> report =
              UserDataEvents.executionReport(spec, ledger.assets(), update, executionId, eventTime);
          Map<String, Object> position =
              UserDataEvents.accountPosition(
                  ledger.assets(), base, quote, balances, update.transactTimeMillis(), eventTime);
          for (Subscription subscription :
              byAccount.getOrDefault(update.order().accountId(), Set.of())) {
            send(subscription, report);
            send(subscription, position);
          }
        });
  }

  private void send(Subscription subscription, Map<String, Object> event) {
    WebSocketSession session = subscription.session();
    if (!session.isOpen()) {
      unsubscribe(subscription);
      return;
    }
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("subscriptionId", subscription.subscriptionId());
    wrapped.put("event", event);
    try {
      session.sendMessage(new TextMessage(json.writeValueAsString(wrapped)));
    } catch (IOException | JacksonException | IllegalStateException e) {
      log.debug("Dropping user-data subscriber {}: {}", session.getId(), e.toString());
      unsubscribe(subscription);
    }
  }

  @Override
  public void close() {
    publisher.shutdownNow();
  }
}
