package io.alphintra.tradingapi.bench;

import io.alphintra.tradingapi.testing.ServiceProcess;
import io.alphintra.tradingapi.testing.TestDatabase;
import io.alphintra.tradingapi.testing.TokenIssuer;
import io.alphintra.tradingapi.testing.TradingStack;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order round trip trading-api → connector → simulator → fill recorded, measured from this
 * process (the load generator) against trading-api running as its own process. Each order is an IOC
 * buy against resting maker liquidity; its answer comes after the fill is recorded, so the round
 * trip ends with the 201 FILLED answer. Latency is taken from each request's intended start on a
 * fixed-rate schedule (no coordinated omission). Writes {@code trading-api-roundtrip.json}.
 */
public final class TradingApiBenchmark {

  private static final String SYMBOL = "FLTUSDT";
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;
  private final String account;
  private final AtomicLong sequence = new AtomicLong();

  private TradingApiBenchmark(String base, String token, String account) {
    this.base = base;
    this.token = token;
    this.account = account;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      options.put(kv[0], kv[1]);
    }
    Path output = Path.of(options.getOrDefault("output-dir", "target/bench"));
    int rate = Integer.parseInt(options.getOrDefault("rate", "500"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "10"));
    int stepSeconds = Integer.parseInt(options.getOrDefault("step-seconds", "10"));
    Path jar = Path.of(options.getOrDefault("jar", "target/trading-api-0.1.0-SNAPSHOT.jar"));

    TradingStack stack = TradingStack.shared();
    List<String> apiArgs = new ArrayList<>(properties("it/trading-api.properties"));
    apiArgs.addAll(
        List.of(
            "spring.datasource.url=" + TestDatabase.jdbcUrl(),
            "spring.datasource.username=postgres",
            "spring.datasource.password=postgres",
            "alphintra.trading.security.jwks-uri=" + stack.issuer().jwksUri(),
            "alphintra.trading.security.issuer=" + TokenIssuer.ISSUER,
            "alphintra.trading.security.audience=" + TokenIssuer.AUDIENCE,
            "alphintra.trading.broker.connectors-file=" + stack.connectorsFile(),
            "logging.level.root=WARN"));
    try (ServiceProcess api =
        ServiceProcess.start(
            "trading-api-bench",
            jar,
            "/actuator/health/readiness",
            apiArgs.toArray(String[]::new))) {
      String admin = stack.issuer().user("bench-admin", "ADMIN");
      String account = "bench-" + Long.toHexString(System.nanoTime());
      TradingApiBenchmark bench =
          new TradingApiBenchmark(
              api.baseUrl(), stack.issuer().user("bench-trader", "TRADER"), account);
      bench.createAccount(admin);
      for (int i = 0; i < 5; i++) {
        stack.maker().limit(SYMBOL, "SELL", "10.00", "9000.00");
      }

      Map<String, Object> report = new LinkedHashMap<>();
      report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, shared");
      report.put("warmup", bench.run(Math.min(rate, 200), warmup).summary());
      Run fixed = bench.run(rate, seconds);
      report.put("fixedRate", fixed.summary());
      List<Map<String, Object>> steps = new ArrayList<>();
      int highest = 0;
      for (int step : new int[] {50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 5000, 10000}) {
        Run run = bench.run(step, stepSeconds);
        steps.add(run.summary());
        if (run.p95Millis() >= 50 || run.errors() > 0 || run.achievedRate() < step * 0.9) {
          break;
        }
        highest = step;
      }
      report.put("rateSteps", steps);
      report.put("highestRateWithP95Under50ms", highest);
      Files.createDirectories(output);
      Files.writeString(
          output.resolve("trading-api-roundtrip.json"), JSON.writeValueAsString(report) + "\n");
      System.out.println(JSON.writeValueAsString(report));
    }
    stack.maker().cancelAll(SYMBOL);
    System.exit(0);
  }

  /** One fixed-rate run's numbers. */
  private record Run(int rate, int seconds, Histogram latency, long errors, double achievedRate) {

    double p95Millis() {
      return latency.getValueAtPercentile(95) / 1000.0;
    }

    Map<String, Object> summary() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("targetRatePerSecond", rate);
      summary.put("seconds", seconds);
      summary.put("orders", latency.getTotalCount());
      summary.put("errors", errors);
      summary.put("achievedRatePerSecond", Math.round(achievedRate * 10) / 10.0);
      for (double percentile : new double[] {50, 95, 99, 99.9}) {
        summary.put("p" + percentile + "Millis", latency.getValueAtPercentile(percentile) / 1000.0);
      }
      summary.put("maxMillis", latency.getMaxValue() / 1000.0);
      return summary;
    }
  }

  private Run run(int rate, int seconds) throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong errors = new AtomicLong();
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    long total = (long) rate * seconds;
    long start = System.nanoTime();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (long i = 0; i < total; i++) {
      long intended = start + i * period;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      pending.add(
          http.sendAsync(placement(), HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, failure) -> {
                    // From the intended start: a late send counts as latency.
                    recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
                    if (failure != null
                        || response.statusCode() != 201
                        || !response.body().contains("\"status\":\"FILLED\"")) {
                      errors.incrementAndGet();
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Run(rate, seconds, recorder.getIntervalHistogram(), errors.get(), total / elapsed);
  }

  private HttpRequest placement() {
    String body =
        "{\"clientOrderId\":\"b-"
            + sequence.incrementAndGet()
            + "\",\"symbol\":\""
            + SYMBOL
            + "\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"IOC\",\"quantity\":\"1.00\","
            + "\"price\":\"10.00\"}";
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts/" + account + "/orders"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private void createAccount(String adminToken) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\""
                            + account
                            + "\",\"ownerType\":\"USER\",\"ownerId\":\"bench-trader\","
                            + "\"brokerConnection\":\""
                            + TradingStack.CONNECTION
                            + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("creating the account: " + response.body());
    }
  }

  private static List<String> properties(String resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        TradingApiBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
      properties.load(in);
    }
    List<String> args = new ArrayList<>();
    properties.forEach((key, value) -> args.add(key + "=" + value));
    return args;
  }
}
