package io.alphintra.authservice.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What goes into every access token.
 *
 * @param issuer the {@code iss} claim, e.g. {@code https://auth.alphintra-dev.svc}
 * @param audience the {@code aud} claim services check, e.g. {@code alphintra}
 * @param accessTokenTtl lifetime of an access token; at most 15 minutes
 * @param clockSkew leeway when checking {@code exp} and {@code iat} of a token
 */
@ConfigurationProperties("alphintra.auth.token")
public record TokenProperties(
    String issuer,
    String audience,
    @DefaultValue("15m") Duration accessTokenTtl,
    @DefaultValue("30s") Duration clockSkew) {

  static final Duration MAX_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);

  public TokenProperties {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException(
          "alphintra.auth.token.issuer is required (the iss claim, e.g. the service URL)");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException(
          "alphintra.auth.token.audience is required (the aud claim, e.g. alphintra)");
    }
    if (accessTokenTtl.isNegative()
        || accessTokenTtl.isZero()
        || accessTokenTtl.compareTo(MAX_ACCESS_TOKEN_TTL) > 0) {
      throw new IllegalArgumentException(
          "alphintra.auth.token.access-token-ttl must be between 1s and 15m, got "
              + accessTokenTtl);
    }
  }
}
