package io.alphintra.e2e.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrapes the operator's Prometheus endpoint ({@code ALPHINTRA_METRICS_PORT}) for the counters a
 * benchmark needs.
 */
final class OperatorMetricsEndpoint {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  OperatorMetricsEndpoint(int port) {
    this.port = port;
  }

  /** A free local port for the operator's metrics endpoint. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for the operator's metrics", e);
    }
  }

  int port() {
    return port;
  }

  /**
   * The sum of every sample of {@code metric} whose labels contain all of {@code labelFragments}.
   */
  double sum(String metric, String... labelFragments) {
    String body = scrape();
    double sum = 0;
    for (String line : body.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!m.find() || !m.group(1).equals(metric)) {
        continue;
      }
      String labels = m.group(2) == null ? "" : m.group(2);
      boolean matches = true;
      for (String fragment : labelFragments) {
        matches &= labels.contains(fragment);
      }
      if (matches) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return sum;
  }

  /** Reconciliations of the TradingEnvironment controller so far, every result included. */
  long environmentReconciliations() {
    return (long) sum("alphintra_reconciliations_total", "controller=\"tradingenvironment\"");
  }

  long environmentReconciliationErrors() {
    return (long)
        sum(
            "alphintra_reconciliations_total",
            "controller=\"tradingenvironment\"",
            "result=\"error\"");
  }

  /** Mean reconcile duration so far, from the histogram's sum and count, in milliseconds. */
  double meanReconcileMillis() {
    double count =
        sum("alphintra_reconcile_duration_seconds_count", "controller=\"tradingenvironment\"");
    double seconds =
        sum("alphintra_reconcile_duration_seconds_sum", "controller=\"tradingenvironment\"");
    return count == 0 ? 0 : Math.round(seconds / count * 10_000) / 10.0;
  }

  private String scrape() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot scrape the operator's metrics on port " + port, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scraping metrics", e);
    }
  }
}
