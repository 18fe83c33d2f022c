package io.alphintra.brokerconnector.health;

/**
 * The broker link as the operator polls it at {@code GET /api/v1/health/broker} and copies into the
 * BrokerConnection status. Never carries a credential.
 *
 * @param status UP when the session is ready, connected and authenticated; DOWN otherwise
 * @param reason why, for machines: CONNECTED when UP, else NOT_CONNECTED (the venue does not
 *     answer), NOT_AUTHENTICATED (it refuses our API key or signature) or SESSION_STARTING (clock,
 *     symbol rules and open orders not loaded yet)
 * @param message the same for people: what is wrong and what to check
 * @param sessionReady clock offset, symbol rules and open orders have been loaded from the venue
 * @param connected the venue answered the latest call or probe
 * @param authenticated the venue accepted our signed requests; null before the first signed call
 * @param roundTripLatencyMillis latest round trip of {@code GET /api/v3/time}; -1 before the first
 *     probe
 * @param usedWeight request weight used in the venue's current minute
 * @param weightLimit effective weight limit per minute
 * @param orderCount10s new orders in the venue's current 10 s window
 * @param orderLimit10s effective order limit per 10 s
 * @param backOffRemainingMillis time left of a 429/418 Retry-After, 0 when none
 * @param endpoint the configured REST endpoint (scheme, host, port)
 * @param resolvedAddress the IP address the endpoint's host resolves to now, null when it does not
 *     resolve
 * @param serverTimeOffsetMillis venue clock minus local clock
 * @param symbols the symbols this connection trades
 * @param lastContact when the venue last answered, ISO-8601
 * @param lastError the latest error, or null
 */
public record BrokerHealth(
    String status,
    String reason,
    String message,
    boolean sessionReady,
    boolean connected,
    Boolean authenticated,
    long roundTripLatencyMillis,
    int usedWeight,
    int weightLimit,
    int orderCount10s,
    int orderLimit10s,
    long backOffRemainingMillis,
    String endpoint,
    String resolvedAddress,
    long serverTimeOffsetMillis,
    java.util.List<String> symbols,
    String lastContact,
    LastError lastError) {

  /**
   * The latest error.
   *
   * @param message what went wrong, redacted
   * @param at when, ISO-8601
   */
  public record LastError(String message, String at) {}

  public static final String CONNECTED = "CONNECTED";
  public static final String NOT_CONNECTED = "NOT_CONNECTED";
  public static final String NOT_AUTHENTICATED = "NOT_AUTHENTICATED";
  public static final String SESSION_STARTING = "SESSION_STARTING";

  public boolean isUp() {
    return "UP".equals(status);
  }
}
