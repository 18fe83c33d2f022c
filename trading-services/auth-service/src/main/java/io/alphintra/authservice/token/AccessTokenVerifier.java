package io.alphintra.authservice.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.alphintra.authservice.user.Role;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks an access token the way every service should: RS256 only (no {@code none}, no HMAC), a
 * known {@code kid}, a valid signature, then {@code typ}, {@code iss}, {@code aud}, {@code exp},
 * {@code iat}.
 */
@Component
public class AccessTokenVerifier {

  private final SigningKeys keys;
  private final TokenProperties properties;
  private final Clock clock;

  AccessTokenVerifier(SigningKeys keys, TokenProperties properties, Clock clock) {
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
  }

  public VerifiedToken verify(String token) throws InvalidTokenException {
    SignedJWT jwt = parse(token);
    JWSHeader header = jwt.getHeader();
    // The algorithm is fixed here, never taken from the token: that is what defeats alg=none and
    // HS256-with-the-public-key.
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      throw new InvalidTokenException("token algorithm must be RS256");
    }
    if (header.getKeyID() == null) {
      throw new InvalidTokenException("token has no kid");
    }
    RSAKey key =
        keys.verificationKey(header.getKeyID())
            .orElseThrow(() -> new InvalidTokenException("token was signed with an unknown key"));
    if (!signatureValid(jwt, key)) {
      throw new InvalidTokenException("token signature is invalid");
    }
    if (!AccessTokens.ACCESS_TOKEN_TYPE.equals(header.getType())) {
      throw new InvalidTokenException("token is not an access token (typ at+jwt)");
    }
    return checkClaims(claims(jwt), header.getKeyID());
  }

  private VerifiedToken checkClaims(JWTClaimsSet claims, String kid) throws InvalidTokenException {
    Instant now = clock.instant();
    if (!properties.issuer().equals(claims.getIssuer())) {
      throw new InvalidTokenException("token issuer is not " + properties.issuer());
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(properties.audience())) {
      throw new InvalidTokenException("token audience does not include " + properties.audience());
    }
    Date expires = claims.getExpirationTime();
    if (expires == null || !now.isBefore(expires.toInstant().plus(properties.clockSkew()))) {
      throw new InvalidTokenException("token has expired");
    }
    Date issued = claims.getIssueTime();
    if (issued == null || issued.toInstant().isAfter(now.plus(properties.clockSkew()))) {
      throw new InvalidTokenException("token is issued in the future");
    }
    if (claims.getSubject() == null || claims.getJWTID() == null) {
      throw new InvalidTokenException("token lacks sub or jti");
    }
    return new VerifiedToken(
        claims.getSubject(),
        stringClaim(claims, AccessTokens.USERNAME),
        roles(claims),
        claims.getJWTID(),
        kid,
        expires.toInstant(),
        claims.getClaims());
  }

  private static SignedJWT parse(String token) throws InvalidTokenException {
    try {
      return SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidTokenException("token is not a signed JWT");
    }
  }

  private static boolean signatureValid(SignedJWT jwt, RSAKey key) throws InvalidTokenException {
    try {
      return jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()));
    } catch (JOSEException e) {
      throw new InvalidTokenException("token signature is invalid");
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) throws InvalidTokenException {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new InvalidTokenException("token claims are not a JSON object");
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) throws InvalidTokenException {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      throw new InvalidTokenException("token claim " + name + " is not a string");
    }
  }

  private static Set<Role> roles(JWTClaimsSet claims) throws InvalidTokenException {
    try {
      List<String> names = claims.getStringListClaim(AccessTokens.ROLES);
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (String name : names == null ? List.<String>of() : names) {
        roles.add(Role.valueOf(name));
      }
      return roles;
    } catch (ParseException | IllegalArgumentException e) {
      throw new InvalidTokenException("token roles are not a list of known roles");
    }
  }
}
