package io.alphintra.brokerconnector.health;

import io.alphintra.brokerconnector.ratelimit.RateLimitSnapshot;
import io.alphintra.brokerconnector.ratelimit.VenueRateLimiter;
import io.alphintra.brokerconnector.venue.BrokerProperties;
import io.alphintra.brokerconnector.venue.VenueClock;
import io.alphintra.brokerconnector.venue.VenueEndpoint;
import org.springframework.stereotype.Component;

/** Assembles {@link BrokerHealth} from the link state, the rate limiter and the configuration. */
@Component
public class BrokerHealthReport {

  private final BrokerHealthState state;
  private final VenueRateLimiter limiter;
  private final VenueClock clock;
  private final BrokerProperties properties;

  BrokerHealthReport(
      BrokerHealthState state,
      VenueRateLimiter limiter,
      VenueClock clock,
      BrokerProperties properties) {
    this.state = state;
    this.limiter = limiter;
    this.clock = clock;
    this.properties = properties;
  }

  public BrokerHealth current() {
    RateLimitSnapshot limits = limiter.snapshot();
    String endpoint = VenueEndpoint.withoutUserInfo(properties.endpoint());
    BrokerHealth.LastError lastError = state.lastError();
    String reason = reason();
    return new BrokerHealth(
        BrokerHealth.CONNECTED.equals(reason) ? "UP" : "DOWN",
        reason,
        message(reason, endpoint, lastError),
        state.isSessionReady(),
        state.connected(),
        state.authenticated(),
        state.roundTripMillis(),
        limits.usedWeight(),
        limits.weightLimit(),
        limits.orderCount(),
        limits.orderLimit(),
        limits.backOffRemainingMillis(),
        endpoint,
        VenueEndpoint.resolvedAddress(properties.endpoint()),
        clock.offsetMillis(),
        properties.symbols(),
        state.lastContact() == null ? null : state.lastContact().toString(),
        lastError);
  }

  private String reason() {
    if (!state.connected()) {
      return BrokerHealth.NOT_CONNECTED;
    }
    if (Boolean.FALSE.equals(state.authenticated())) {
      return BrokerHealth.NOT_AUTHENTICATED;
    }
    if (!state.isSessionReady() || state.authenticated() == null) {
      return BrokerHealth.SESSION_STARTING;
    }
    return BrokerHealth.CONNECTED;
  }

  private static String message(String reason, String endpoint, BrokerHealth.LastError lastError) {
    String error = lastError == null ? "" : " (last error: " + lastError.message() + ")";
    return switch (reason) {
      case BrokerHealth.NOT_CONNECTED ->
          "The venue at "
              + endpoint
              + " does not answer"
              + error
              + "; orders are refused with 503 NOT_CONNECTED until it does. Check the venue's status and the egress to it.";
      case BrokerHealth.NOT_AUTHENTICATED ->
          "The venue at "
              + endpoint
              + " refuses our API key or signature"
              + error
              + "; check the API key and secret in the connection's credentials Secret.";
      case BrokerHealth.SESSION_STARTING ->
          "Loading the venue's clock, symbol rules and open orders from "
              + endpoint
              + error
              + "; orders are accepted once this is done.";
      default -> "Connected and authenticated to " + endpoint;
    };
  }
}
