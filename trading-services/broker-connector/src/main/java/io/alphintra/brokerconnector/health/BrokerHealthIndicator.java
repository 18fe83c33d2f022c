package io.alphintra.brokerconnector.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Actuator contributor {@code broker} in {@code /actuator/health}: DOWN while the venue is
 * unreachable or refuses our keys. Deliberately not in the readiness group: a venue outage must not
 * take the connector out of its Service, or callers and the operator could no longer hear why.
 */
@Component("broker")
class BrokerHealthIndicator implements HealthIndicator {

  private final BrokerHealthReport report;

  BrokerHealthIndicator(BrokerHealthReport report) {
    this.report = report;
  }

  @Override
  public Health health() {
    BrokerHealth current = report.current();
    Health.Builder builder = current.isUp() ? Health.up() : Health.down();
    builder
        .withDetail("reason", current.reason())
        .withDetail("connected", current.connected())
        .withDetail("authenticated", String.valueOf(current.authenticated()))
        .withDetail("roundTripLatencyMillis", current.roundTripLatencyMillis())
        .withDetail("usedWeight", current.usedWeight())
        .withDetail("endpoint", current.endpoint());
    if (current.lastError() != null) {
      builder.withDetail("lastError", current.lastError().message());
    }
    return builder.build();
  }
}
