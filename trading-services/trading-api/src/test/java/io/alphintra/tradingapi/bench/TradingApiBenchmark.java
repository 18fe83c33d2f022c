package io.alphintra.tradingapi.bench;

import io.alphintra.tradingapi.testing.ServiceProcess;
import io.alphintra.tradingapi.testing.TestDatabase;
import io.alphintra.tradingapi.testing.TokenIssuer;
import io.alphintra.tradingapi.testing.TradingStack;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * process (the load generator, its own JVM) against trading-api running as another process. Each
 * order is an IOC buy against resting maker liquidity. Its fills arrive asynchronously (pushed from
 * the connector's execution stream), so the round trip ends when trading-api's database commits the
 * order's last fill: a trigger installed on {@code trade_order} by this benchmark notifies (LISTEN
 * / NOTIFY, delivered at commit) when an order's recorded fill quantity reaches its quantity.
 * Placement latency is the 201 answer. Both are taken from each request's intended start on a
 * fixed-rate schedule (no coordinated omission). Writes {@code trading-api-roundtrip.json}.
 */
public final class TradingApiBenchmark {

  private static final String SYMBOL = "FLTUSDT";
  private static final String CHANNEL = "bench_order_recorded";
  private static final Duration FILL_GRACE = Duration.ofSeconds(30);
  private static final int[] STEPS = {
    10, 15, 20, 25, 50, 100, 200, 300, 500, 750, 1000, 2000, 5000, 10000
  };
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;
  private final String account;
  private final AtomicLong sequence = new AtomicLong();

  /** clientOrderId → intended send time (nanoTime) of orders whose fill is awaited. */
  private final Map<String, Long> awaitingFill = new ConcurrentHashMap<>();

  private volatile Recorder roundTrips = new Recorder(3);

  /** The CPU time of each process on the order's path, read around every run. */
  private final ProcessCpu cpu;

  private TradingApiBenchmark(String base, String token, String account, ProcessCpu cpu) {
    this.base = base;
    this.token = token;
    this.account = account;
    this.cpu = cpu;
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
    int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "120"));
    int warmupRate = Integer.parseInt(options.getOrDefault("warmup-rate", "40"));
    int stepSeconds = Integer.parseInt(options.getOrDefault("step-seconds", "10"));
    Path jar = Path.of(options.getOrDefault("jar", "target/trading-api-0.1.0-SNAPSHOT.jar"));
    boolean steps = Boolean.parseBoolean(options.getOrDefault("steps", "true"));
    boolean profile = Boolean.parseBoolean(options.getOrDefault("profile", "false"));

    // The connector's production default: the benchmark measures the stream, not its gaps.
    System.setProperty(TradingStack.EXECUTIONS_HELD_PROPERTY, "10000");
    // The connector and the simulator are on the measured path: full JIT, as in production.
    System.setProperty(ServiceProcess.PRODUCTION_JVM_PROPERTY, "true");
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
            // The polling safety net at its default: fills are to arrive pushed.
            "alphintra.trading.broker.poll-interval=5s",
            "logging.level.root=WARN"));
    try (ServiceProcess api =
            ServiceProcess.start(
                "trading-api-bench",
                jar,
                "/actuator/health/readiness",
                List.of("-Xms768m", "-Xmx768m"),
                apiArgs.toArray(String[]::new));
        Connection listener =
            DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "postgres")) {
      installNotifyTrigger(listener);
      String admin = stack.issuer().user("bench-admin", "ADMIN");
      String account = "bench-" + Long.toHexString(System.nanoTime());
      TradingApiBenchmark bench =
          new TradingApiBenchmark(
              api.baseUrl(),
              stack.issuer().user("bench-trader", "TRADER"),
              account,
              new ProcessCpu(
                  List.of(
                      new ProcessCpu.Group("trading-api", api.pid(), false),
                      new ProcessCpu.Group("broker-connector", stack.connectorPid(), false),
                      new ProcessCpu.Group("broker-simulator", stack.venuePid(), false),
                      new ProcessCpu.Group("postgresql", postmaster(listener), true),
                      new ProcessCpu.Group(
                          "load generator", ProcessHandle.current().pid(), false))));
      bench.createAccount(admin);
      for (int i = 0; i < 5; i++) {
        stack.maker().limit(SYMBOL, "SELL", "10.00", "9000.00");
      }
      Thread.ofPlatform().daemon().name("bench-fill-listener").start(() -> bench.listen(listener));

      Map<String, Object> report = new LinkedHashMap<>();
      report.put(
          "machine",
          Runtime.getRuntime().availableProcessors()
              + " cores shared with other builds; load average at start "
              + loadAverage());
      report.put("warmup", bench.run(warmupRate, warmup).summary());
      // The steps before the fixed rate: an overloaded trading-api does not recover cleanly.
      if (steps) {
        List<Map<String, Object>> results = new ArrayList<>();
        int highest = 0;
        for (int step : STEPS) {
          Run run = bench.run(step, stepSeconds);
          results.add(run.summary());
          System.out.println(JSON.writeValueAsString(run.summary()));
          if (run.placementP95Millis() >= 50
              || run.errors() > 0
              || run.achievedRate() < step * 0.9) {
            break;
          }
          highest = step;
        }
        report.put("rateSteps", results);
        report.put("highestRateWithPlacementP95Under50ms", highest);
      }
      Files.createDirectories(output);
      if (profile) {
        startRecording(api.pid(), output.resolve("trading-api.jfr"));
        startRecording(stack.connectorPid(), output.resolve("broker-connector.jfr"));
      }
      report.put("fixedRate", bench.run(rate, seconds).summary());
      if (profile) {
        stopRecording(api.pid());
        stopRecording(stack.connectorPid());
      }
      // The services' own timings (placement histogram, HTTP server and venue call timers).
      Files.writeString(output.resolve("trading-api-metrics.txt"), prometheus(api.baseUrl()));
      Files.writeString(
          output.resolve("broker-connector-metrics.txt"), prometheus(stack.connectorUrl()));
      report.put("loadAverageAtEnd", loadAverage());
      Files.writeString(
          output.resolve("trading-api-roundtrip.json"), JSON.writeValueAsString(report) + "\n");
      System.out.println(JSON.writeValueAsString(report));
    }
    stack.maker().cancelAll(SYMBOL);
    System.exit(0);
  }

  /** PostgreSQL's postmaster: the parent of this connection's backend process. */
  private static long postmaster(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        java.sql.ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
      backend.next();
      return ProcessCpu.parent(backend.getLong(1));
    }
  }

  /**
   * Notifies {@value #CHANNEL} with the clientOrderId when an order's recorded fill quantity
   * reaches its quantity; PostgreSQL delivers a notification when its transaction commits.
   */
  private static void installNotifyTrigger(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE OR REPLACE FUNCTION bench_order_recorded() RETURNS trigger LANGUAGE plpgsql AS $$"
              + " BEGIN IF NEW.recorded_quantity >= NEW.quantity"
              + " AND OLD.recorded_quantity < NEW.quantity THEN"
              + " PERFORM pg_notify('"
              + CHANNEL
              + "', NEW.client_order_id); END IF; RETURN NULL; END $$");
      statement.execute(
          "CREATE OR REPLACE TRIGGER bench_order_recorded AFTER UPDATE OF recorded_quantity"
              + " ON trade_order FOR EACH ROW EXECUTE FUNCTION bench_order_recorded()");
      statement.execute("LISTEN " + CHANNEL);
    }
  }

  /**
   * Records each notified order's round trip. PgJDBC's notification API is reached reflectively:
   * the driver is only a runtime dependency of this module.
   */
  private void listen(Connection connection) {
    try {
      Class<?> pgConnection = Class.forName("org.postgresql.PGConnection");
      Object pg = connection.unwrap(pgConnection);
      Method notifications = pgConnection.getMethod("getNotifications", int.class);
      Method parameter = Class.forName("org.postgresql.PGNotification").getMethod("getParameter");
      while (true) {
        Object batch = notifications.invoke(pg, 100);
        long now = System.nanoTime();
        for (int i = 0; batch != null && i < Array.getLength(batch); i++) {
          String clientOrderId = (String) parameter.invoke(Array.get(batch, i));
          Long intended = awaitingFill.remove(clientOrderId);
          if (intended != null) {
            roundTrips.recordValue(Math.max(1, (now - intended) / 1000));
          }
        }
      }
    } catch (ReflectiveOperationException | SQLException e) {
      if (!isClosed(connection)) {
        throw new IllegalStateException("the fill listener stopped", e);
      }
    }
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** One fixed-rate run's numbers. */
  private record Run(
      int rate,
      int seconds,
      Histogram placement,
      Histogram roundTrip,
      long refused,
      Map<String, AtomicLong> refusals,
      long notFilled,
      double achievedRate,
      Map<String, Long> cpuMillis) {

    double placementP95Millis() {
      return placement.getValueAtPercentile(95) / 1000.0;
    }

    long errors() {
      return refused + notFilled;
    }

    Map<String, Object> summary() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("targetRatePerSecond", rate);
      summary.put("seconds", seconds);
      summary.put("achievedSendRatePerSecond", Math.round(achievedRate * 10) / 10.0);
      summary.put("orders", placement.getTotalCount());
      summary.put("refusedOrFailed", refused);
      if (!refusals.isEmpty()) {
        summary.put("refusedOrFailedBy", new java.util.TreeMap<>(refusals));
      }
      summary.put("acceptedButFillNotRecordedWithin30s", notFilled);
      summary.put("placement201", percentiles(placement));
      summary.put("roundTripFillRecorded", percentiles(roundTrip));
      summary.put("cpuMillisPerOrder", cpuPerOrder());
      return summary;
    }

    /**
     * CPU milliseconds per order sent, by process, over the run and the wait for its fills; {@code
     * onThePath} sums the processes an order goes through (with the load generator), {@code
     * elsewhere} is what the rest of the machine used meanwhile (other builds), and {@code
     * ordersPerSecondThatWouldSaturateTheCores} is the cores' time divided by {@code onThePath}.
     */
    private Map<String, Object> cpuPerOrder() {
      Map<String, Object> perOrder = new LinkedHashMap<>();
      long orders = Math.max(1, placement.getTotalCount());
      long path = 0;
      for (Map.Entry<String, Long> used : cpuMillis.entrySet()) {
        if (!used.getKey().equals("machine")) {
          path += used.getValue();
          perOrder.put(used.getKey(), round((double) used.getValue() / orders));
        }
      }
      perOrder.put("onThePath", round((double) path / orders));
      perOrder.put("elsewhere", round((double) (cpuMillis.get("machine") - path) / orders));
      int cores = Runtime.getRuntime().availableProcessors();
      perOrder.put(
          "ordersPerSecondThatWouldSaturateTheCores",
          path == 0 ? 0 : cores * 1000L * orders / path);
      return perOrder;
    }

    private static double round(double millis) {
      return Math.round(millis * 100) / 100.0;
    }

    private static Map<String, Object> percentiles(Histogram histogram) {
      Map<String, Object> numbers = new LinkedHashMap<>();
      numbers.put("count", histogram.getTotalCount());
      for (double percentile : new double[] {50, 95, 99, 99.9}) {
        numbers.put(
            "p" + percentile + "Millis", histogram.getValueAtPercentile(percentile) / 1000.0);
      }
      numbers.put("maxMillis", histogram.getMaxValue() / 1000.0);
      return numbers;
    }
  }

  private Run run(int rate, int seconds) {
    Recorder placements = new Recorder(3);
    roundTrips = new Recorder(3);
    AtomicLong refused = new AtomicLong();
    Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    long total = (long) rate * seconds;
    ProcessCpu.Reading cpuBefore = cpu.read();
    long start = System.nanoTime();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (long i = 0; i < total; i++) {
      long intended = start + i * period;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String clientOrderId = "b-" + sequence.incrementAndGet();
      awaitingFill.put(clientOrderId, intended);
      pending.add(
          http.sendAsync(placement(clientOrderId), HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, failure) -> {
                    // From the intended start: a late send counts as latency.
                    placements.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
                    if (failure != null
                        || response.statusCode() != 201
                        || !response.body().contains("\"status\":\"FILLED\"")) {
                      refused.incrementAndGet();
                      refusals
                          .computeIfAbsent(refusal(response, failure), k -> new AtomicLong())
                          .incrementAndGet();
                      awaitingFill.remove(clientOrderId);
                    }
                    return null;
                  }));
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    long graceEnd = System.nanoTime() + FILL_GRACE.toNanos();
    while (!awaitingFill.isEmpty() && System.nanoTime() < graceEnd) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    long notFilled = awaitingFill.size();
    awaitingFill.clear();
    Map<String, Long> cpuMillis = cpu.read().since(cpuBefore);
    return new Run(
        rate,
        seconds,
        placements.getIntervalHistogram(),
        roundTrips.getIntervalHistogram(),
        refused.get(),
        refusals,
        notFilled,
        total / elapsed,
        cpuMillis);
  }

  /** What an order counted in refusedOrFailed got: the HTTP status and reason, or order status. */
  private static String refusal(HttpResponse<String> response, Throwable failure) {
    if (failure != null) {
      return failure.getClass().getSimpleName();
    }
    java.util.regex.Matcher field =
        java.util.regex.Pattern.compile(
                "\"" + (response.statusCode() == 201 ? "status" : "reason") + "\":\"([A-Z_]+)\"")
            .matcher(response.body());
    return response.statusCode() + " " + (field.find() ? field.group(1) : "?");
  }

  private HttpRequest placement(String clientOrderId) {
    String body =
        "{\"clientOrderId\":\""
            + clientOrderId
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

  /**
   * Starts a JFR recording in the process {@code pid}: the JDK's profiling settings, with every
   * socket read and write recorded (no threshold, no throttle), so the waits on the database, the
   * connector and the venue of each placement can be summed per peer.
   */
  private static void startRecording(long pid, Path file) throws IOException, InterruptedException {
    Path settings = file.resolveSibling("placement.jfc");
    run(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
            "configure",
            "--input",
            "profile",
            "jdk.SocketRead#threshold=0ms",
            "jdk.SocketRead#throttle=off",
            "jdk.SocketWrite#threshold=0ms",
            "jdk.SocketWrite#throttle=off",
            "--output",
            settings.toAbsolutePath().toString()));
    jcmd(
        pid,
        "JFR.start",
        "name=bench",
        "settings=" + settings.toAbsolutePath(),
        "filename=" + file.toAbsolutePath());
  }

  /** Stops the recording, which writes its file. */
  private static void stopRecording(long pid) throws IOException, InterruptedException {
    jcmd(pid, "JFR.stop", "name=bench");
  }

  private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(pid));
    line.addAll(List.of(command));
    run(line);
  }

  private static void run(List<String> line) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(line).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", line) + " failed");
    }
  }

  private static String prometheus(String baseUrl) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String loadAverage() {
    return String.format(
        "%.1f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static List<String> properties(String resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        TradingApiBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
      properties.load(in);
    }
    List<String> args = new ArrayList<>();
    // The benchmark sets the poll interval itself (a repeated argument would be a list).
    properties.remove("alphintra.trading.broker.poll-interval");
    properties.forEach((key, value) -> args.add(key + "=" + value));
    return args;
  }
}
