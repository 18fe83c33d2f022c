package io.alphintra.brokerconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.BrokerConnectorApplication;
import io.alphintra.brokerconnector.order.FeedContinuity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A broker-connector application context on a random port, pointed at a {@link SimulatedVenue}. */
public final class RunningConnector implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConfigurableApplicationContext context;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RunningConnector(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts against {@code venue} with the venue's connector account; {@code overrides} are {@code
   * key=value}.
   */
  public static RunningConnector start(SimulatedVenue venue, String symbols, String... overrides) {
    return start(venue.baseUrl(), symbols, overrides);
  }

  /**
   * Starts against {@code endpoint} (e.g. a proxy in front of a {@link SimulatedVenue}) with the
   * venue's connector account.
   */
  public static RunningConnector start(String endpoint, String symbols, String... overrides) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--alphintra.broker.endpoint=" + endpoint,
                "--alphintra.broker.api-key=" + SimulatedVenue.API_KEY,
                "--alphintra.broker.secret-key=" + SimulatedVenue.SECRET_KEY,
                "--alphintra.broker.symbols=" + symbols,
                "--alphintra.broker.session-retry=1s"));
    for (String override : overrides) {
      args.add("--" + override);
    }
    return new RunningConnector(
        new SpringApplicationBuilder(BrokerConnectorApplication.class)
            .run(args.toArray(String[]::new)));
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** An HTTP answer from the connector. */
  public record Reply(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {

    /** The connector's {@code Server-Timing: venue;dur=<ms>} in micros, or -1. */
    public long venueMicros() {
      return headers
          .firstValue("Server-Timing")
          .map(v -> Math.round(Double.parseDouble(v.replaceAll(".*dur=", "")) * 1000))
          .orElse(-1L);
    }
  }

  public Reply post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  public static String order(
      String clientOrderId,
      String symbol,
      String side,
      String type,
      String timeInForce,
      String quantity,
      String price) {
    return "{\"clientOrderId\":\""
        + clientOrderId
        + "\",\"symbol\":\""
        + symbol
        + "\",\"side\":\""
        + side
        + "\",\"type\":\""
        + type
        + "\""
        + (timeInForce == null ? "" : ",\"timeInForce\":\"" + timeInForce + "\"")
        + ",\"quantity\":\""
        + quantity
        + "\""
        + (price == null ? "" : ",\"price\":\"" + price + "\"")
        + "}";
  }

  /** Sum of a Prometheus counter's samples whose labels contain every {@code labelFragments}. */
  public double metric(String name, String... labelFragments) {
    String text = get("/actuator/prometheus").raw();
    double sum = 0;
    Matcher matcher =
        Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(text);
    while (matcher.find()) {
      String labels = matcher.group(1) == null ? "" : matcher.group(1);
      boolean matches = true;
      for (String fragment : labelFragments) {
        matches &= labels.contains(fragment);
      }
      if (matches) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }

  public String wsUrl(String pathAndQuery) {
    return "ws://localhost:" + port() + pathAndQuery;
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port() + path);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(120)).build(),
              HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      JsonNode body;
      try {
        body = JSON.readTree(raw == null || raw.isEmpty() ? "{}" : raw);
      } catch (tools.jackson.core.JacksonException notJson) {
        body = JSON.createObjectNode();
      }
      return new Reply(response.statusCode(), body, raw, response.headers());
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

  /** Reads an order through the connector, checking that {@code source} answered it. */
  Reply readOrder(String clientOrderId, String source) {
    Reply reply = get("/api/v1/orders/" + clientOrderId);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Order-Source")).as(reply.raw()).hasValue(source);
    return reply;
  }

  /** Waits for a user-data subscription other than {@code previous} to be live; returns it. */
  long liveFeedStretch(long previous) {
    FeedContinuity feed = bean(FeedContinuity.class);
    await("the user-data feed subscribes")
        .atMost(Duration.ofSeconds(30))
        .until(() -> feed.current() != FeedContinuity.NONE && feed.current() != previous);
    return feed.current();
  }
}
