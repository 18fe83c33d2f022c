package io.alphintra.brokerconnector.it;

import io.alphintra.brokersimulator.BrokerSimulatorApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The real broker-simulator, started in-process on a random port as the venue of an IT. */
public final class SimulatedVenue implements AutoCloseable {

  public static final String API_KEY = "connector-key-7Hq2";
  public static final String SECRET_KEY = "connector-secret-Zx91Lq0PvT";
  public static final String MAKER_KEY = "maker-key";
  public static final String MAKER_SECRET = "maker-secret";

  private final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newHttpClient();

  private SimulatedVenue(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts the venue; {@code overrides} are {@code key=value} pairs on top of
   * broker-simulator-it.yaml.
   */
  public static SimulatedVenue start(String... overrides) {
    List<String> args = new ArrayList<>();
    args.add("--spring.config.name=broker-simulator-it");
    for (String override : overrides) {
      args.add("--" + override);
    }
    return new SimulatedVenue(
        new SpringApplicationBuilder(BrokerSimulatorApplication.class)
            .run(args.toArray(String[]::new)));
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  public String baseUrl() {
    return "http://localhost:" + port();
  }

  /** Replaces the venue's fault settings ({@code PUT /admin/faults}). */
  public void faults(String json) {
    send(
        HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/faults"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** New orders the matching engine accepted for a symbol (the simulator's own counter). */
  public long acceptedOrders(String symbol) {
    String metrics =
        send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).GET().build());
    Matcher matcher =
        Pattern.compile(
                "^simulator_orders_total\\{[^}]*outcome=\"accepted\"[^}]*symbol=\""
                    + symbol
                    + "\"[^}]*} ([0-9.E]+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
  }

  /**
   * How many requests (actuator scrapes aside) the venue answered with {@code status}, whoever sent
   * them: its own {@code http.server.requests} observations, which include the 429/418 answers its
   * rate-limit filter writes.
   */
  public long apiAnswers(int status) {
    String metrics =
        send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).GET().build());
    Matcher matcher =
        Pattern.compile(
                "^http_server_requests_seconds_count\\{([^}]*)} ([0-9.E]+)$", Pattern.MULTILINE)
            .matcher(metrics);
    long count = 0;
    while (matcher.find()) {
      String labels = matcher.group(1);
      if (labels.contains("status=\"" + status + "\"") && !labels.contains("uri=\"/actuator")) {
        count += (long) Double.parseDouble(matcher.group(2));
      }
    }
    return count;
  }

  /**
   * How many {@code method} requests to {@code uri} (e.g. {@code GET /api/v3/order}) the venue
   * answered, whoever sent them and whatever it answered: its {@code http.server.requests}
   * observations.
   */
  public long apiRequests(String method, String uri) {
    String metrics =
        send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).GET().build());
    Matcher matcher =
        Pattern.compile(
                "^http_server_requests_seconds_count\\{([^}]*)} ([0-9.E]+)$", Pattern.MULTILINE)
            .matcher(metrics);
    long count = 0;
    while (matcher.find()) {
      String labels = matcher.group(1);
      if (labels.contains("method=\"" + method + "\"") && labels.contains("uri=\"" + uri + "\"")) {
        count += (long) Double.parseDouble(matcher.group(2));
      }
    }
    return count;
  }

  /** A signing client for the venue account the connector does not use (liquidity, checks). */
  public VenueTrader maker() {
    return new VenueTrader(baseUrl(), MAKER_KEY, MAKER_SECRET, "10.77.0.1");
  }

  /**
   * A signing client for the connector's own account, from its own IP bucket (for verification).
   */
  public VenueTrader connectorAccount() {
    return new VenueTrader(baseUrl(), API_KEY, SECRET_KEY, "10.77.0.2");
  }

  private String send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "venue answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
