package io.alphintra.brokersimulator.bench;

import io.alphintra.brokersimulator.BrokerSimulatorApplication;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Histogram;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The simulator's service latency for order placement: the whole simulator (REST, signing, rate
 * limits, engine, streams, the simulated market flow) started in this JVM, and one client sending
 * signed {@code POST /api/v3/order} MARKET orders (alternately BUY and SELL 0.001 BTC) over HTTP at
 * a fixed rate. Each request is measured from its <em>intended</em> send time, so a slow response
 * delays and penalizes the requests behind it (no coordinated omission). Rate limits are raised so
 * that every order reaches the engine; any non-200 answer is counted and reported.
 */
public final class RestOrderLatencyBenchmark {

  private static final String API_KEY = "bench-key";
  private static final String SECRET = "bench-secret";

  public static void main(String[] args) throws Exception {
    Path output = Path.of(argument(args, "output", "target/bench/rest-order-latency.txt"));
    int rate = Integer.parseInt(argument(args, "rate", "200"));
    int seconds = Integer.parseInt(argument(args, "seconds", "10"));
    int warmupSeconds = Integer.parseInt(argument(args, "warmup-seconds", "5"));

    SpringApplication application = new SpringApplication(BrokerSimulatorApplication.class);
    try (ConfigurableApplicationContext context =
        application.run(
            "--server.port=0",
            "--logging.level.root=WARN",
            "--alphintra.simulator.accounts-json=[{\"apiKey\":\""
                + API_KEY
                + "\",\"secretKey\":\""
                + SECRET
                + "\",\"balances\":{\"USDT\":\"100000000\",\"BTC\":\"1000\"}}]",
            "--alphintra.simulator.rate-limits.request-weight-per-minute=100000000",
            "--alphintra.simulator.rate-limits.orders-per10-seconds=100000000",
            "--alphintra.simulator.rate-limits.orders-per-day=100000000",
            "--alphintra.simulator.rate-limits.raw-requests-per5-minutes=100000000")) {
      int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
      Client client = new Client("http://localhost:" + port);
      // Let the simulated flow build the book before the first MARKET order.
      client.waitForLiquidity();
      run(client, rate, warmupSeconds, new Histogram(60_000_000_000L, 3));
      Histogram histogram = new Histogram(60_000_000_000L, 3);
      long failures = run(client, rate, seconds, histogram);

      String report =
          String.format(
              Locale.ROOT,
              "REST order placement (POST /api/v3/order, signed MARKET 0.001 BTCUSDT, alternating"
                  + " sides), JDK %s, GC %s, one client thread in the simulator's JVM%n"
                  + "  at %d/s for %d s (after %d s warm-up), %d requests, %d not 200:"
                  + " p50 %s p99 %s p99.9 %s max %s (from the intended send time)%n",
              Runtime.version(),
              collectorNames(),
              rate,
              seconds,
              warmupSeconds,
              histogram.getTotalCount(),
              failures,
              millis(histogram.getValueAtPercentile(50)),
              millis(histogram.getValueAtPercentile(99)),
              millis(histogram.getValueAtPercentile(99.9)),
              millis(histogram.getMaxValue()));
      System.out.print(report);
      Files.createDirectories(output.toAbsolutePath().getParent());
      Files.writeString(output, report);
    }
  }

  /** Sends {@code rate * seconds} orders on schedule; returns how many were not answered 200. */
  private static long run(Client client, int rate, int seconds, Histogram histogram)
      throws IOException, InterruptedException {
    long interval = 1_000_000_000L / rate;
    int count = rate * seconds;
    long failures = 0;
    long start = System.nanoTime();
    for (int n = 0; n < count; n++) {
      long intended = start + n * interval;
      long now = System.nanoTime();
      if (now < intended) {
        Thread.sleep(Duration.ofNanos(intended - now));
      }
      int status = client.placeMarketOrder(n % 2 == 0 ? "BUY" : "SELL");
      histogram.recordValue(System.nanoTime() - intended);
      if (status != 200) {
        failures++;
      }
    }
    return failures;
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
  }

  private static String collectorNames() {
    List<String> names = new ArrayList<>();
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      names.add(bean.getName());
    }
    return String.join(" + ", names);
  }

  private static String argument(String[] args, String name, String fallback) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return arg.substring(name.length() + 3);
      }
    }
    return fallback;
  }

  /** Signs what it sends as Binance documents it: hex HMAC-SHA256 of the form body. */
  private static final class Client {

    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final Mac mac;

    Client(String baseUrl) throws GeneralSecurityException {
      this.baseUrl = baseUrl;
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    int placeMarketOrder(String side) throws IOException, InterruptedException {
      Map<String, String> params = new TreeMap<>();
      params.put("symbol", "BTCUSDT");
      params.put("side", side);
      params.put("type", "MARKET");
      params.put("quantity", "0.001");
      params.put("timestamp", Long.toString(System.currentTimeMillis()));
      StringBuilder body = new StringBuilder();
      params.forEach(
          (key, value) -> body.append(body.isEmpty() ? "" : "&").append(key).append('=').append(value));
      String payload = body.toString();
      String signature =
          HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/v3/order"))
              .header("X-MBX-APIKEY", API_KEY)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(payload + "&signature=" + signature))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    void waitForLiquidity() throws IOException, InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        String depth =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(baseUrl + "/api/v3/depth?symbol=BTCUSDT&limit=5"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (depth.contains("\"bids\":[[") && depth.contains("\"asks\":[[")) {
          return;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("the simulated flow built no BTCUSDT book within 30 s");
    }
  }
}
