package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.health.BrokerHealthState;
import io.alphintra.brokerconnector.ratelimit.VenueRateLimiter;
import io.alphintra.brokerconnector.venue.BrokerProperties;
import io.alphintra.brokerconnector.venue.VenueCallTime;
import io.alphintra.brokerconnector.venue.VenueClock;
import io.alphintra.brokerconnector.venue.VenueException;
import io.alphintra.brokerconnector.venue.VenueOutcomeUnknown;
import io.alphintra.brokerconnector.venue.VenueRateLimited;
import io.alphintra.brokerconnector.venue.VenueRejection;
import io.alphintra.brokerconnector.venue.VenueUnreachable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * HTTP to a Binance-Spot-compatible venue: signing, rate-limit accounting, and classification of
 * every answer into success, {@link VenueRejection}, {@link VenueRateLimited}, {@link
 * VenueOutcomeUnknown} or {@link VenueUnreachable}. Nothing here logs or throws request parameters,
 * the API key or the signature.
 */
@Component
class BinanceRestClient {

  private static final Logger log = LoggerFactory.getLogger(BinanceRestClient.class);
  private static final String API_KEY_HEADER = "X-MBX-APIKEY";
  private static final String USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";
  private static final String ORDER_COUNT_HEADER = "X-MBX-ORDER-COUNT-10S";

  private final HttpClient http;
  private final ObjectMapper json;
  private final URI endpoint;
  private final String apiKey;
  private final BinanceSigner signer;
  private final long recvWindowMillis;
  private final Duration requestTimeout;
  private final Duration maxBudgetWait;
  private final VenueClock clock;
  private final VenueRateLimiter limiter;
  private final BrokerHealthState health;
  private final MeterRegistry meters;
  private final boolean hasCredentials;

  BinanceRestClient(
      BrokerProperties properties,
      ObjectMapper json,
      VenueClock clock,
      VenueRateLimiter limiter,
      BrokerHealthState health,
      MeterRegistry meters) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.json = json;
    this.endpoint = properties.endpoint();
    this.apiKey = properties.apiKey();
    this.signer = new BinanceSigner(properties.secretKey());
    this.recvWindowMillis = properties.recvWindow().toMillis();
    this.requestTimeout = properties.requestTimeout();
    this.maxBudgetWait = properties.placementDeadline();
    this.clock = clock;
    this.limiter = limiter;
    this.health = health;
    this.meters = meters;
    this.hasCredentials = properties.hasCredentials();
  }

  /** An unsigned (public) GET. */
  JsonNode publicGet(String path, Map<String, String> parameters, int weight) {
    return publicGet(path, parameters, weight, maxBudgetWait);
  }

  /**
   * An unsigned GET that waits at most {@code maxWait} for rate-limit budget ({@link
   * io.alphintra.brokerconnector.ratelimit.RateLimitWaitExceeded}).
   */
  JsonNode publicGet(String path, Map<String, String> parameters, int weight, Duration maxWait) {
    String query = encode(parameters);
    URI uri = endpoint.resolve(path + (query.isEmpty() ? "" : "?" + query));
    VenueRateLimiter.Permit permit = acquire(weight, false, 0, maxWait);
    return exchange("GET", path, permit, () -> HttpRequest.newBuilder(uri).GET(), 0, new long[2]);
  }

  /**
   * Measures the venue clock offset with {@code GET /api/v3/time}, timing only the HTTP exchange
   * (never the wait for budget, which would skew the midpoint); returns the round trip in ms.
   */
  long synchronizeClock(Duration maxWait) {
    VenueRateLimiter.Permit permit = acquire(RequestWeights.TIME, false, 0, maxWait);
    long[] sentAndReceived = new long[2];
    JsonNode time =
        exchange(
            "GET",
            "/api/v3/time",
            permit,
            () -> HttpRequest.newBuilder(endpoint.resolve("/api/v3/time")).GET(),
            0,
            sentAndReceived);
    // A slow sample (starved JVM, cold venue) does not replace a tighter one: see VenueClock.
    clock.synchronize(sentAndReceived[0], time.path("serverTime").asLong(), sentAndReceived[1]);
    long roundTrip = sentAndReceived[1] - sentAndReceived[0];
    health.roundTrip(roundTrip);
    return roundTrip;
  }

  /**
   * A SIGNED request: {@code timestamp} (venue time) and {@code recvWindow} added, the signature
   * computed over the exact bytes sent. POST parameters travel in the form body, as Binance's own
   * clients do.
   */
  JsonNode signed(
      String method, String path, Map<String, String> parameters, int weight, boolean newOrder) {
    return signed(method, path, parameters, weight, newOrder, maxBudgetWait);
  }

  /** A SIGNED request that waits at most {@code maxWait} for rate-limit budget. */
  JsonNode signed(
      String method,
      String path,
      Map<String, String> parameters,
      int weight,
      boolean newOrder,
      Duration maxWait) {
    try {
      return signedOnce(method, path, parameters, weight, newOrder, maxWait);
    } catch (VenueRejection rejection) {
      if (rejection.code() != VenueRejection.TIMESTAMP_OUTSIDE_RECV_WINDOW) {
        throw rejection;
      }
      // Refused unexecuted because our clock estimate drifted: re-measure and try once more.
      log.info(
          "The venue refused our timestamp ({}); resynchronizing the clock",
          rejection.getMessage());
      synchronizeClock(maxBudgetWait);
      return signedOnce(method, path, parameters, weight, newOrder, maxWait);
    }
  }

  private JsonNode signedOnce(
      String method,
      String path,
      Map<String, String> parameters,
      int weight,
      boolean newOrder,
      Duration maxWait) {
    if (!hasCredentials) {
      health.authenticated(
          false, "ALPHINTRA_BROKER_API_KEY / ALPHINTRA_BROKER_SECRET_KEY are not set");
      throw new VenueRejection(
          401,
          -2014,
          "No API key configured: set ALPHINTRA_BROKER_API_KEY and ALPHINTRA_BROKER_SECRET_KEY");
    }
    VenueRateLimiter.Permit permit = acquire(weight, newOrder, 0, maxWait);
    long timestamp = clock.now();
    JsonNode body =
        exchange(
            method,
            path,
            permit,
            () -> {
              Map<String, String> all = new LinkedHashMap<>(parameters);
              all.put("recvWindow", Long.toString(recvWindowMillis));
              all.put("timestamp", Long.toString(timestamp));
              String payload = encode(all);
              String signed = payload + "&signature=" + signer.sign(payload);
              HttpRequest.Builder request;
              if ("POST".equals(method)) {
                request =
                    HttpRequest.newBuilder(endpoint.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(signed));
              } else {
                request =
                    HttpRequest.newBuilder(endpoint.resolve(path + "?" + signed))
                        .method(method, HttpRequest.BodyPublishers.noBody());
              }
              return request.header(API_KEY_HEADER, apiKey);
            },
            timestamp,
            new long[2]);
    health.authenticated(true, null);
    return body;
  }

  private VenueRateLimiter.Permit acquire(
      int weight, boolean newOrder, long signedAt, Duration maxWait) {
    try {
      return limiter.acquire(weight, newOrder, maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VenueOutcomeUnknown(
          0, "interrupted while waiting for rate-limit budget", signedAt, null);
    }
  }

  /**
   * Sends the request the permit was acquired for and hands the permit back: with the venue's
   * counts as soon as an answer arrived (before anything acts on it), or as unanswered when none
   * did, so the limiter knows how long the venue may have been counting it.
   */
  private JsonNode exchange(
      String method,
      String path,
      VenueRateLimiter.Permit permit,
      Supplier<HttpRequest.Builder> builder,
      long signedAt,
      long[] sentAndReceived) {
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      HttpRequest request =
          builder.get().timeout(requestTimeout).header("Accept", "application/json").build();
      started = System.nanoTime();
      sentAndReceived[0] = clock.localMillis();
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
      sentAndReceived[1] = clock.localMillis();
      VenueCallTime.add(System.nanoTime() - started);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      // No connection was opened, so nothing was sent: a definite "not executed".
      limiter.unanswered(permit);
      record(method, path, started, "unreachable");
      String reason = "cannot connect to the venue: " + e.getClass().getSimpleName();
      health.venueUnreachable(reason);
      log.debug("Venue call to {} failed: {}", path, reason);
      throw new VenueUnreachable(reason);
    } catch (HttpTimeoutException e) {
      limiter.unanswered(permit);
      throw unknown(
          method,
          path,
          started,
          "no answer within " + requestTimeout.toMillis() + " ms",
          signedAt,
          e);
    } catch (IOException e) {
      limiter.unanswered(permit);
      throw unknown(
          method, path, started, "connection failed: " + e.getClass().getSimpleName(), signedAt, e);
    } catch (InterruptedException e) {
      limiter.unanswered(permit);
      Thread.currentThread().interrupt();
      throw unknown(method, path, started, "interrupted while waiting for the venue", signedAt, e);
    } catch (RuntimeException e) {
      limiter.unanswered(permit);
      throw e;
    }
    limiter.answered(
        permit,
        intHeader(response, USED_WEIGHT_HEADER),
        intHeader(response, ORDER_COUNT_HEADER),
        dateHeader(response));
    health.venueAnswered();
    int status = response.statusCode();
    if (status / 100 == 2) {
      record(method, path, started, "success");
      return parse(response.body(), signedAt);
    }
    VenueException failure = classify(response, permit, signedAt);
    record(
        method,
        path,
        started,
        switch (failure) {
          case VenueRejection r -> "rejected";
          case VenueRateLimited r -> "rate_limited";
          case VenueOutcomeUnknown u -> "unknown";
          case VenueUnreachable u -> "unreachable";
        });
    if (failure instanceof VenueRejection rejection && rejection.isAuthenticationFailure()) {
      health.authenticated(false, "venue refused our credentials: " + rejection.getMessage());
    } else if (!(failure instanceof VenueRejection)) {
      health.error("HTTP " + status + " " + failure.getMessage());
    }
    throw failure;
  }

  private VenueException classify(
      HttpResponse<String> response, VenueRateLimiter.Permit permit, long signedAt) {
    int status = response.statusCode();
    JsonNode error = parseQuietly(response.body());
    int code = error.path("code").asInt(0);
    String message = error.path("msg").asString("HTTP " + status + " from the venue");
    if (status == 429 || status == 418) {
      long retryAfter =
          response.headers().firstValueAsLong("Retry-After").orElse(status == 418 ? 60 : 1);
      limiter.backOff(permit, status, retryAfter, code == -1015);
      return new VenueRateLimited(status, code, message, retryAfter);
    }
    if (status >= 500) {
      return new VenueOutcomeUnknown(code, message, signedAt, null);
    }
    return new VenueRejection(status, code, message);
  }

  private VenueOutcomeUnknown unknown(
      String method, String path, long started, String reason, long signedAt, Exception cause) {
    record(method, path, started, "unknown");
    health.venueUnreachable(reason);
    log.debug("Venue call to {} failed: {}", path, reason);
    return new VenueOutcomeUnknown(0, reason, signedAt, null);
  }

  private void record(String method, String path, long startedNanos, String outcome) {
    Timer.builder("broker.venue.latency")
        .description("Round trip of venue REST calls")
        .tag("method", method)
        .tag("endpoint", path)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(meters)
        .record(Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  private JsonNode parse(String body, long signedAt) {
    try {
      return json.readTree(body.isEmpty() ? "{}" : body);
    } catch (JacksonException e) {
      throw new VenueOutcomeUnknown(0, "the venue sent a body that is not JSON", signedAt, null);
    }
  }

  private JsonNode parseQuietly(String body) {
    try {
      JsonNode node = json.readTree(body == null || body.isEmpty() ? "{}" : body);
      return node == null ? json.createObjectNode() : node;
    } catch (JacksonException e) {
      return json.createObjectNode();
    }
  }

  /** The venue's {@code Date} (RFC 1123, whole seconds) in epoch millis, or -1. */
  static long dateHeader(HttpResponse<?> response) {
    return response.headers().firstValue("Date").map(BinanceRestClient::dateMillis).orElse(-1L);
  }

  /**
   * An HTTP date (RFC 1123, one-second resolution) in epoch milliseconds, -1 when malformed. The
   * last value is kept: the answers of one second carry the same date, and parsing one was about 4
   * % of the connector's CPU per order in trading-api's {@code -Pbench} profile.
   */
  static long dateMillis(String value) {
    ParsedDate last = lastDate;
    if (last.value().equals(value)) {
      return last.millis();
    }
    long millis;
    try {
      millis =
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant()
              .toEpochMilli();
    } catch (DateTimeParseException e) {
      millis = -1L;
    }
    lastDate = new ParsedDate(value, millis);
    return millis;
  }

  private record ParsedDate(String value, long millis) {}

  private static volatile ParsedDate lastDate = new ParsedDate("", -1L);

  private static int intHeader(HttpResponse<?> response, String name) {
    return response
        .headers()
        .firstValue(name)
        .map(
            value -> {
              try {
                return Integer.parseInt(value.trim());
              } catch (NumberFormatException e) {
                return -1;
              }
            })
        .orElse(-1);
  }

  static String encode(Map<String, String> parameters) {
    StringJoiner joined = new StringJoiner("&");
    parameters.forEach(
        (name, value) -> joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return joined.toString();
  }
}
