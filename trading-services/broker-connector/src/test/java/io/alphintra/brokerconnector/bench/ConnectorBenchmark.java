package io.alphintra.brokerconnector.bench;

import io.alphintra.brokerconnector.it.RunningConnector;
import io.alphintra.brokerconnector.it.SimulatedVenue;
import io.alphintra.brokerconnector.it.VenueTrader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmarks (run by {@code -Pbench}):
 *
 * <ol>
 *   <li>connector overhead: IOC orders at a fixed rate (default 500/s) through the connector; per
 *       order, the round trip measured from its intended start (no coordinated omission) minus the
 *       venue time the connector reports in {@code Server-Timing} (its HTTP exchange with the
 *       simulator, i.e. the simulator's own time plus loopback). For reference, the same load is
 *       also sent straight to the simulator;
 *   <li>market-data fan-out: 100 subscribers; latency from the connector receiving a venue event to
 *       each subscriber receiving it.
 * </ol>
 *
 * Results go to {@code <output-dir>/connector-overhead.json} and {@code marketdata-fanout.json}.
 */
public final class ConnectorBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYMBOL = "EXOUSDT";

  private ConnectorBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      options.put(pair[0], pair.length > 1 ? pair[1] : "true");
    }
    Path outputDir = Path.of(options.getOrDefault("output-dir", "target/bench"));
    int rate = Integer.parseInt(options.getOrDefault("rate", "500"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "5"));
    Files.createDirectories(outputDir);

    try (SimulatedVenue venue =
            SimulatedVenue.start(
                "alphintra.simulator.rate-limits.request-weight-per-minute=100000000",
                "alphintra.simulator.rate-limits.orders-per10-seconds=10000000",
                "logging.level.root=WARN");
        RunningConnector connector =
            RunningConnector.start(
                venue,
                SYMBOL + ",BTCUSDT",
                "alphintra.broker.request-weight-per-minute=100000000",
                "alphintra.broker.orders-per10-seconds=10000000",
                "logging.level.root=WARN")) {
      VenueTrader direct = venue.connectorAccount();
      AtomicLong ids = new AtomicLong();
      IntConsumer viaVenue = i -> direct.limit(SYMBOL, "SELL", "IOC", "1000.00", "1");
      ConcurrentHistogram overheadPerOrder = new ConcurrentHistogram(3);
      ConcurrentHistogram venueTime = new ConcurrentHistogram(3);
      AtomicLong recording = new AtomicLong();
      IntConsumer viaConnector =
          i -> {
            long started = System.nanoTime();
            RunningConnector.Reply reply =
                connector.post(
                    "/api/v1/orders",
                    RunningConnector.order(
                        "bench-" + ids.incrementAndGet(),
                        SYMBOL,
                        "SELL",
                        "LIMIT",
                        "IOC",
                        "1",
                        "1000.00"));
            long roundTrip = (System.nanoTime() - started) / 1_000;
            if (recording.get() == 1 && reply.venueMicros() >= 0) {
              overheadPerOrder.recordValue(Math.max(0, roundTrip - reply.venueMicros()));
              venueTime.recordValue(reply.venueMicros());
            }
          };

      fixedRate(viaVenue, rate, warmup);
      fixedRate(viaConnector, rate, warmup);
      recording.set(1);
      Histogram throughConnector = fixedRate(viaConnector, rate, seconds);
      recording.set(0);
      Histogram venueOnly = fixedRate(viaVenue, rate, seconds);

      ObjectNode overhead = JSON.createObjectNode();
      overhead.put("benchmark", "connector-order-overhead");
      overhead.put("ratePerSecond", rate);
      overhead.put("seconds", seconds);
      overhead.set("directToSimulatorMicros", percentiles(venueOnly));
      overhead.set("throughConnectorMicros", percentiles(throughConnector));
      overhead.set("venueTimeSeenByConnectorMicros", percentiles(venueTime));
      overhead.set("connectorOverheadPerOrderMicros", percentiles(overheadPerOrder));
      overhead.put(
          "note",
          "connectorOverheadPerOrderMicros = client round trip through the connector minus the connector's"
              + " Server-Timing venue time, per order; the direct run is a separate phase on the same 2 cores");
      write(outputDir.resolve("connector-overhead.json"), overhead);

      write(outputDir.resolve("marketdata-fanout.json"), fanOut(connector, 100, seconds));
    }
  }

  /**
   * Runs {@code action} at {@code rate}/s for {@code seconds}; latency from intended start, in
   * micros.
   */
  private static Histogram fixedRate(IntConsumer action, int rate, int seconds)
      throws InterruptedException {
    ConcurrentHistogram histogram = new ConcurrentHistogram(3);
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    int total = rate * seconds;
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        long intended = start + i * periodNanos;
        long wait = intended - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int index = i;
        workers.submit(
            () -> {
              action.accept(index);
              histogram.recordValue((System.nanoTime() - intended) / 1_000);
            });
      }
    }
    return histogram;
  }

  private static ObjectNode fanOut(RunningConnector connector, int subscribers, int seconds)
      throws Exception {
    ConcurrentHistogram latency = new ConcurrentHistogram(3);
    AtomicLong measuring = new AtomicLong();
    HttpClient http = HttpClient.newHttpClient();
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      sockets.add(
          http.newWebSocketBuilder()
              .buildAsync(
                  URI.create(connector.wsUrl("/api/v1/market-data/stream?symbols=BTCUSDT")),
                  new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(
                        WebSocket socket, CharSequence data, boolean last) {
                      partial.append(data);
                      if (last) {
                        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                        try {
                          JsonNode event = JSON.readTree(partial.toString());
                          if (measuring.get() == 1 && event.has("receivedAtMicros")) {
                            latency.recordValue(
                                Math.max(0, now - event.path("receivedAtMicros").asLong()));
                          }
                        } catch (tools.jackson.core.JacksonException ignored) {
                          // not JSON: ignore
                        }
                        partial.setLength(0);
                      }
                      socket.request(1);
                      return null;
                    }
                  })
              .join());
    }
    TimeUnit.SECONDS.sleep(3);
    measuring.set(1);
    TimeUnit.SECONDS.sleep(seconds);
    measuring.set(0);
    sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    ObjectNode result = JSON.createObjectNode();
    result.put("benchmark", "marketdata-fanout");
    result.put("subscribers", subscribers);
    result.put("seconds", seconds);
    result.put("deliveries", latency.getTotalCount());
    result.set("connectorReceiveToSubscriberMicros", percentiles(latency));
    return result;
  }

  private static ObjectNode percentiles(Histogram histogram) {
    Map<String, Double> points = new LinkedHashMap<>();
    points.put("p50", 50.0);
    points.put("p90", 90.0);
    points.put("p99", 99.0);
    points.put("p999", 99.9);
    ObjectNode node = JSON.createObjectNode();
    node.put("count", histogram.getTotalCount());
    points.forEach(
        (name, percentile) -> node.put(name, histogram.getValueAtPercentile(percentile)));
    node.put("max", histogram.getMaxValue());
    node.put("mean", Math.round(histogram.getMean()));
    return node;
  }

  private static void write(Path file, ObjectNode result) throws java.io.IOException {
    String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
    Files.writeString(file, text);
    System.out.println(file + ":\n" + text);
  }
}
