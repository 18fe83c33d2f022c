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

    BrokerHealthReport(BrokerHealthState state, VenueRateLimiter limiter, VenueClock clock, BrokerProperties properties) {
        this.state = state;
        this.limiter = limiter;
        this.clock = clock;
        this.properties = properties;
    }

    public BrokerHealth current() {
        RateLimitSnapshot limits = limiter.snapshot();
        boolean up = state.isSessionReady() && state.connected() && Boolean.TRUE.equals(state.authenticated());
        return new BrokerHealth(up ? "UP" : "DOWN", state.isSessionReady(), state.connected(), state.authenticated(), state.roundTripMillis(),
                limits.usedWeight(), limits.weightLimit(), limits.orderCount(), limits.orderLimit(),
                limits.backOffRemainingMillis(), VenueEndpoint.withoutUserInfo(properties.endpoint()),
                VenueEndpoint.resolvedAddress(properties.endpoint()), clock.offsetMillis(), properties.symbols(),
                state.lastContact() == null ? null : state.lastContact().toString(), state.lastError());
    }
}
