package io.alphintra.brokerconnector.venue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one broker account this connector fronts ({@code alphintra.broker.*}). The operator feeds the
 * credentials from a Secret as {@code ALPHINTRA_BROKER_API_KEY} / {@code
 * ALPHINTRA_BROKER_SECRET_KEY}; {@link #toString()} never prints them.
 *
 * @param apiKey sent in {@code X-MBX-APIKEY}; treated as a secret
 * @param secretKey HMAC-SHA256 key for request signatures; never logged
 * @param endpoint REST base URL of the Binance-Spot-compatible venue, e.g. https://api.binance.com
 * @param streamEndpoint WebSocket base URL; empty derives ws(s)://host:port of {@code endpoint}
 * @param symbols symbols the connector trades and recovers open orders for, e.g. BTCUSDT,ETHUSDT
 * @param requestWeightPerMinute our REQUEST_WEIGHT budget; the venue's announced limit wins when
 *     lower
 * @param ordersPer10Seconds our ORDERS budget per 10 s; the venue's announced limit wins when lower
 * @param recvWindow how long the venue may accept a signed request after its timestamp; also bounds
 *     how long an order with an unknown outcome may still appear, so it gates resends
 * @param requestTimeout time to wait for one venue response before treating the outcome as unknown
 * @param connectTimeout TCP/TLS connect timeout to the venue
 * @param windowGuard margin around the venue's rate-limit window rolls, on top of the clock's
 *     measured uncertainty: requests within it of a roll count in both windows
 * @param resendSettleMargin extra wait past timestamp + recvWindow before an absent order is resent
 * @param placementDeadline total time a placement may spend reconciling before it is reported
 *     UNKNOWN
 */
@ConfigurationProperties("alphintra.broker")
public record BrokerProperties(
    String apiKey,
    String secretKey,
    @DefaultValue("http://localhost:8081") URI endpoint,
    String streamEndpoint,
    List<String> symbols,
    @DefaultValue("6000") int requestWeightPerMinute,
    @DefaultValue("100") int ordersPer10Seconds,
    @DefaultValue("5s") Duration recvWindow,
    @DefaultValue("5s") Duration requestTimeout,
    @DefaultValue("3s") Duration connectTimeout,
    @DefaultValue("1s") Duration windowGuard,
    @DefaultValue("1s") Duration resendSettleMargin,
    @DefaultValue("60s") Duration placementDeadline) {

  public BrokerProperties {
    apiKey = apiKey == null ? "" : apiKey.trim();
    secretKey = secretKey == null ? "" : secretKey.trim();
    symbols =
        symbols == null
            ? List.of()
            : symbols.stream()
                .map(s -> s.trim().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    if (requestWeightPerMinute < 1 || ordersPer10Seconds < 1) {
      throw new IllegalArgumentException(
          "ALPHINTRA_BROKER_REQUEST_WEIGHT_PER_MINUTE and ALPHINTRA_BROKER_ORDERS_PER_10_SECONDS"
              + " must be at least 1, got "
              + requestWeightPerMinute
              + " and "
              + ordersPer10Seconds);
    }
    if (recvWindow.toMillis() < 1 || recvWindow.toMillis() > 60_000) {
      throw new IllegalArgumentException(
          "alphintra.broker.recv-window must be between 1ms and 60s (Binance's maximum), got "
              + recvWindow);
    }
    if (endpoint.getScheme() == null
        || !endpoint.getScheme().startsWith("http")
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "ALPHINTRA_BROKER_ENDPOINT must be an http(s) URL such as https://api.binance.com, got "
              + VenueEndpoint.withoutUserInfo(endpoint));
    }
  }

  /** Whether both credentials are present; signed calls are refused early without them. */
  public boolean hasCredentials() {
    return !apiKey.isEmpty() && !secretKey.isEmpty();
  }

  /** The WebSocket base, e.g. ws://host:port for http://host:port. */
  public URI streamBase() {
    if (streamEndpoint != null && !streamEndpoint.isBlank()) {
      return URI.create(streamEndpoint.trim());
    }
    String scheme = "https".equals(endpoint.getScheme()) ? "wss" : "ws";
    return URI.create(
        scheme
            + "://"
            + endpoint.getHost()
            + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : ""));
  }

  @Override
  public String toString() {
    return "BrokerProperties[endpoint="
        + VenueEndpoint.withoutUserInfo(endpoint)
        + ", symbols="
        + symbols
        + ", apiKey=<redacted>, secretKey=<redacted>, requestWeightPerMinute="
        + requestWeightPerMinute
        + ", ordersPer10Seconds="
        + ordersPer10Seconds
        + ", recvWindow="
        + recvWindow
        + "]";
  }
}
