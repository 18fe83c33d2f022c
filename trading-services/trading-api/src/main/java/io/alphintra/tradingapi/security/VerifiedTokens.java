package io.alphintra.tradingapi.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the tokens it verified for a short while, so a caller that
 * sends the same access token with every order is not charged a signature check, a JSON parse and
 * the claim checks per request (together the largest single share of trading-api's CPU per order in
 * the {@code -Pbench} profile).
 *
 * <p>A remembered token is the exact string the delegate verified, with every check it passed
 * (signature, issuer, audience, namespace, type); only its time window can change, so the expiry
 * and not-before are checked again on each use. A token is remembered for at most {@link #MAX_AGE}:
 * a key withdrawn from auth-service's JWKS stops being accepted within it (the JWKS itself is
 * cached for minutes, so this adds no new delay in practice). A token that fails is not remembered.
 * At most {@link #CAPACITY} tokens are held; when full, the oldest half is dropped.
 */
final class VerifiedTokens implements JwtDecoder {

  static final Duration MAX_AGE = Duration.ofSeconds(60);
  static final int CAPACITY = 10_000;

  private final JwtDecoder delegate;
  private final Clock clock;
  private final OAuth2TokenValidator<Jwt> timestamps;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Jwt jwt, Instant at) {}

  VerifiedTokens(JwtDecoder delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    JwtTimestampValidator timestampValidator = new JwtTimestampValidator();
    timestampValidator.setClock(clock);
    this.timestamps = timestampValidator;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Instant now = clock.instant();
    Verified known = verified.get(token);
    if (known != null && now.isBefore(known.at().plus(MAX_AGE))) {
      OAuth2TokenValidatorResult window = timestamps.validate(known.jwt());
      if (!window.hasErrors()) {
        return known.jwt();
      }
      verified.remove(token);
      throw new JwtValidationException("the token is expired or not yet valid", window.getErrors());
    }
    Jwt jwt = delegate.decode(token);
    if (verified.size() >= CAPACITY) {
      dropOldest(now);
    }
    verified.put(token, new Verified(jwt, now));
    return jwt;
  }

  /** Drops the tokens verified before the median age (and every one past {@link #MAX_AGE}). */
  private void dropOldest(Instant now) {
    Instant cut =
        verified.values().stream()
            .map(Verified::at)
            .sorted()
            .skip(verified.size() / 2)
            .findFirst()
            .orElse(now);
    Instant stale = now.minus(MAX_AGE);
    verified.values().removeIf(entry -> entry.at().isBefore(cut) || entry.at().isBefore(stale));
    if (verified.size() >= CAPACITY) {
      // All verified in the same instant: nothing is older than the median.
      verified.clear();
    }
  }

  int size() {
    return verified.size();
  }
}
