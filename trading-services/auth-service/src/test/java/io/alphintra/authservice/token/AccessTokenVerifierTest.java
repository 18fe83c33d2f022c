package io.alphintra.authservice.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.alphintra.authservice.testing.TestKeys;
import io.alphintra.authservice.user.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token attacks of the issue, each against a verifier that accepts a genuine token. */
class AccessTokenVerifierTest {

  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final String ISSUER = "https://auth.test";
  private static final String AUDIENCE = "alphintra";

  @TempDir Path keysDir;

  private KeyPair pair;
  private AccessTokens tokens;
  private AccessTokenVerifier verifier;

  @BeforeEach
  void keys() {
    pair = TestKeys.write(keysDir, "k1");
    TokenProperties properties =
        new TokenProperties(ISSUER, AUDIENCE, Duration.ofMinutes(15), Duration.ofSeconds(30));
    SigningKeys keys = new SigningKeys(new SigningKeyProperties(keysDir, Duration.ofSeconds(30)));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    tokens = new AccessTokens(keys, properties, clock);
    verifier = new AccessTokenVerifier(keys, properties, clock);
  }

  @Test
  void acceptsAGenuineTokenWithEveryClaimTheIssueNames() throws Exception {
    IssuedToken issued =
        tokens.issue("user-1", "alice", EnumSet.of(Role.TRADER, Role.VIEWER), Map.of());

    VerifiedToken verified = verifier.verify(issued.token());
    SignedJWT jwt = SignedJWT.parse(issued.token());

    assertThat(verified.subject()).isEqualTo("user-1");
    assertThat(verified.roles()).containsExactlyInAnyOrder(Role.TRADER, Role.VIEWER);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(ISSUER);
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(AUDIENCE);
    assertThat(jwt.getJWTClaimsSet().getJWTID()).isEqualTo(issued.jti());
    assertThat(
            Duration.between(
                jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                jwt.getJWTClaimsSet().getExpirationTime().toInstant()))
        .isLessThanOrEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void rejectsAlgNone() throws Exception {
    String unsigned = new PlainJWT(claims(NOW, ISSUER, AUDIENCE)).serialize();

    assertRejected(unsigned, "not a signed JWT");
  }

  @Test
  void rejectsHs256SignedWithThePublicKey() throws Exception {
    byte[] publicKeyBytes = Base64.getEncoder().encode(pair.getPublic().getEncoded());
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID("k1")
                .type(new JOSEObjectType("at+jwt"))
                .build(),
            claims(NOW, ISSUER, AUDIENCE));
    forged.sign(new MACSigner(publicKeyBytes));

    assertRejected(forged.serialize(), "algorithm must be RS256");
  }

  @Test
  void rejectsAnUnknownKid() throws Exception {
    assertRejected(signed("k-unknown", pair, claims(NOW, ISSUER, AUDIENCE)), "unknown key");
  }

  @Test
  void rejectsAKnownKidWithAnotherKeysSignature() throws Exception {
    assertRejected(
        signed("k1", TestKeys.generate(), claims(NOW, ISSUER, AUDIENCE)), "signature is invalid");
  }

  @Test
  void rejectsAnExpiredToken() throws Exception {
    JWTClaimsSet expired = claims(NOW.minus(Duration.ofMinutes(20)), ISSUER, AUDIENCE);

    assertRejected(signed("k1", pair, expired), "expired");
  }

  @Test
  void rejectsTheWrongAudience() throws Exception {
    assertRejected(signed("k1", pair, claims(NOW, ISSUER, "another-platform")), "audience");
  }

  @Test
  void rejectsTheWrongIssuer() throws Exception {
    assertRejected(signed("k1", pair, claims(NOW, "https://evil.example", AUDIENCE)), "issuer");
  }

  @Test
  void rejectsATamperedPayload() throws Exception {
    String[] parts =
        tokens.issue("user-1", "alice", EnumSet.of(Role.VIEWER), Map.of()).token().split("\\.");
    String admin =
        new JWTClaimsSet.Builder(claims(NOW, ISSUER, AUDIENCE))
            .claim("roles", List.of("ADMIN"))
            .build()
            .toString();
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(admin.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertRejected(tampered, "signature is invalid");
  }

  @Test
  void rejectsATokenOfAnotherType() throws Exception {
    SignedJWT idToken =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
            claims(NOW, ISSUER, AUDIENCE));
    idToken.sign(new RSASSASigner(pair.getPrivate()));

    assertRejected(idToken.serialize(), "not an access token");
  }

  @Test
  void rejectsGarbage() {
    assertRejected("not.a.jwt", "not a signed JWT");
  }

  private void assertRejected(String token, String reason) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining(reason);
  }

  private static JWTClaimsSet claims(Instant issuedAt, String issuer, String audience) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject("user-1")
        .jwtID("jti-1")
        .issueTime(Date.from(issuedAt))
        .expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(15))))
        .claim("roles", List.of("VIEWER"))
        .build();
  }

  private static String signed(String kid, KeyPair pair, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(kid)
                .type(new JOSEObjectType("at+jwt"))
                .build(),
            claims);
    jwt.sign(new RSASSASigner(pair.getPrivate()));
    return jwt.serialize();
  }
}
