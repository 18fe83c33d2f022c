package io.alphintra.e2e.up;

import io.alphintra.api.v1alpha1.Position;
import io.alphintra.api.v1alpha1.ProfitAndLoss;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The main job's live view: one line per Strategy of a namespace (mode, phase, orders today, PnL
 * and positions, from its status, as {@code kubectl get strategy -o yaml} shows them), printed
 * every refresh until the JVM stops; and once, the time from the job's start to the first order a
 * strategy reported.
 */
final class StrategyLines implements AutoCloseable {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final KubernetesClient client;
  private final String namespace;
  private final long jobStart;
  private boolean firstOrderSeen;
  private volatile boolean stopped;
  private volatile Thread printer;

  StrategyLines(KubernetesClient client, String namespace, long jobStart) {
    this.client = client;
    this.namespace = namespace;
    this.jobStart = jobStart;
  }

  /**
   * Prints the lines every {@code refresh}; returns once {@link #close() closed} (the shutdown
   * closes it before the cluster's client).
   */
  void printUntilStopped(Duration refresh) {
    printer = Thread.currentThread();
    Up.say("Strategies, every " + refresh.toSeconds() + " s (UTC), until Ctrl-C:");
    while (!stopped) {
      try {
        print();
        Thread.sleep(refresh.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return;
        }
        Up.say(clock() + "  cannot list the strategies: " + e.getMessage());
      }
    }
  }

  private void print() {
    List<Strategy> strategies =
        client.resources(Strategy.class).inNamespace(namespace).list().getItems();
    if (stopped) {
      return;
    }
    strategies.stream()
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .forEach(s -> Up.say(line(s)));
    if (!firstOrderSeen) {
      strategies.stream()
          .filter(s -> ordersToday(s) > 0)
          .findFirst()
          .ifPresent(
              s -> {
                firstOrderSeen = true;
                Up.say(
                    Up.FIRST_ORDER_LINE
                        + ": "
                        + s.getMetadata().getName()
                        + ", "
                        + Duration.ofNanos(System.nanoTime() - jobStart).toSeconds()
                        + " s after the command started");
              });
    }
  }

  /** Stops the lines: the next one is not printed, a sleep in progress ends. */
  @Override
  public void close() {
    stopped = true;
    Thread current = printer;
    if (current != null) {
      current.interrupt();
    }
  }

  /**
   * {@code 12:00:05 btc-sma-paper Paper Running orders today 3 PnL 1.23 (realized 0.50) BTCUSDT
   * 0.01@64990.10}.
   */
  static String line(Strategy strategy) {
    StrategyStatus status = strategy.getStatus();
    StringBuilder line =
        new StringBuilder()
            .append(clock())
            .append("  ")
            .append(String.format("%-26s", strategy.getMetadata().getName()))
            .append(String.format("%-6s", strategy.getSpec().mode()))
            .append(
                String.format(
                    "%-10s", status == null || status.phase() == null ? "-" : status.phase()));
    if (status == null) {
      return line.append("no status yet").toString();
    }
    line.append("orders today ").append(ordersToday(strategy));
    ProfitAndLoss pnl = status.pnl();
    if (pnl != null) {
      line.append("  PnL ")
          .append(pnl.total())
          .append(" (realized ")
          .append(pnl.realized())
          .append(")");
    }
    List<Position> open =
        status.positions() == null
            ? List.of()
            : status.positions().stream()
                .filter(p -> p.quantity() != null && new BigDecimal(p.quantity()).signum() != 0)
                .toList();
    if (!open.isEmpty()) {
      line.append("  ")
          .append(
              open.stream()
                  .map(p -> p.symbol() + " " + p.quantity() + " @ " + p.averagePrice())
                  .collect(Collectors.joining(", ")));
    }
    if (status.haltReason() != null) {
      line.append("  halted: ").append(status.haltReason());
    }
    return line.toString();
  }

  private static int ordersToday(Strategy strategy) {
    StrategyStatus status = strategy.getStatus();
    return status == null || status.ordersToday() == null ? 0 : status.ordersToday();
  }

  private static String clock() {
    return LocalTime.now(ZoneOffset.UTC).format(CLOCK);
  }
}
