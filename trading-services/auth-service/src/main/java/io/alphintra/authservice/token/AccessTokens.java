package io.alphintra.authservice.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.alphintra.authservice.user.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signs RS256 access tokens with the active key: {@code iss, aud, sub, roles, jti, iat, exp},
 * {@code kid} in the header.
 */
@Component
public class AccessTokens {

  static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
  static final String ROLES = "roles";
  static final String USERNAME = "preferred_username";

  private final SigningKeys keys;
  private final TokenProperties properties;
  private final Clock clock;

  AccessTokens(SigningKeys keys, TokenProperties properties, Clock clock) {
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * @param subject the {@code sub}: a user id, or {@code system:serviceaccount:<ns>:<name>} for a
   *     workload
   * @param extraClaims further claims, e.g. the strategy a workload token is scoped to
   */
  public IssuedToken issue(
      String subject, String username, Set<Role> roles, Map<String, Object> extraClaims) {
    RSAKey key = keys.active();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(properties.accessTokenTtl());
    String jti = UUID.randomUUID().toString();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(properties.issuer())
            .audience(properties.audience())
            .subject(subject)
            .jwtID(jti)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expiresAt))
            .claim(USERNAME, username)
            .claim(ROLES, roles.stream().map(Role::name).sorted().toList());
    extraClaims.forEach(claims::claim);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(ACCESS_TOKEN_TYPE)
                .build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with key " + key.getKeyID());
    }
    return new IssuedToken(jwt.serialize(), jti, expiresAt);
  }
}
