package io.alphintra.brokerconnector.health;

import io.alphintra.brokerconnector.venue.SecretRedactor;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What the connector currently knows about its link to the venue, fed by every venue call and by
 * the periodic probe. Error texts are redacted on the way in, so nothing read from here can leak a
 * credential.
 */
@Component
public class BrokerHealthState {

  private final SecretRedactor redactor;
  private final Clock clock;
  private volatile boolean connected;
  private volatile boolean sessionReady;
  private volatile Boolean authenticated;
  private volatile long roundTripMillis = -1;
  private volatile Instant lastContact;
  private volatile BrokerHealth.LastError lastError;

  public BrokerHealthState(SecretRedactor redactor) {
    this.redactor = redactor;
    this.clock = Clock.systemUTC();
  }

  /** The venue answered (any HTTP status): the link works. */
  public void venueAnswered() {
    connected = true;
    lastContact = clock.instant();
  }

  /** A probe of the venue's time endpoint measured this round trip. */
  public void roundTrip(long millis) {
    roundTripMillis = millis;
    venueAnswered();
  }

  /** No answer at all (connect failure, timeout, broken connection). */
  public void venueUnreachable(String message) {
    connected = false;
    error(message);
  }

  /**
   * A signed request was accepted ({@code true}) or refused for its credentials ({@code false}).
   */
  public void authenticated(boolean accepted, String message) {
    authenticated = accepted;
    if (!accepted) {
      error(message);
    }
  }

  public void error(String message) {
    lastError = new BrokerHealth.LastError(redactor.redact(message), clock.instant().toString());
  }

  /** Clock, symbol rules and open orders are loaded: orders can be accepted. */
  public void sessionReady() {
    sessionReady = true;
  }

  public boolean isSessionReady() {
    return sessionReady;
  }

  public boolean connected() {
    return connected;
  }

  public Boolean authenticated() {
    return authenticated;
  }

  public long roundTripMillis() {
    return roundTripMillis;
  }

  public Instant lastContact() {
    return lastContact;
  }

  public BrokerHealth.LastError lastError() {
    return lastError;
  }
}
