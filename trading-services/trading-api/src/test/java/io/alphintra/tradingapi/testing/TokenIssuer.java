package io.alphintra.tradingapi.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs access tokens the way auth-service does (RS256, {@code typ at+jwt}, {@code iss, aud, sub,
 * roles, preferred_username}, plus {@code strategy, namespace} for STRATEGY) and serves the public
 * key as a JWKS over real HTTP, like auth-service's {@code /.well-known/jwks.json}.
 */
public final class TokenIssuer implements AutoCloseable {

  public static final String ISSUER = "https://auth.test";
  public static final String AUDIENCE = "alphintra";

  private final RSAKey key;
  private final RSAKey stranger;
  private final HttpServer server;

  private TokenIssuer(RSAKey key, RSAKey stranger, HttpServer server) {
    this.key = key;
    this.stranger = stranger;
    this.server = server;
  }

  public static TokenIssuer start() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("k-test-1").generate();
      RSAKey stranger = new RSAKeyGenerator(2048).keyID("k-test-1").generate();
      byte[] jwks = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/.well-known/jwks.json",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
              body.write(jwks);
            }
          });
      server.start();
      return new TokenIssuer(key, stranger, server);
    } catch (IOException | com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String jwksUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
  }

  /** A user's token. */
  public String user(String subject, String... roles) {
    return sign(key, claims(subject, ISSUER, AUDIENCE, List.of(roles), Instant.now()).build());
  }

  /** The namespace of the environment the ITs' trading-api serves (its configured one). */
  public static final String NAMESPACE = "env-a";

  /** A strategy workload's token, scoped to {@code strategy} of this environment. */
  public String strategy(String strategy) {
    return strategy(strategy, NAMESPACE);
  }

  /** A strategy workload's token of {@code namespace} (none when null), as auth-service writes. */
  public String strategy(String strategy, String namespace) {
    JWTClaimsSet.Builder claims =
        claims(
                "system:serviceaccount:" + namespace + ":" + strategy + "-strategy",
                ISSUER,
                AUDIENCE,
                List.of("STRATEGY"),
                Instant.now())
            .claim("strategy", strategy);
    if (namespace != null) {
      claims.claim("namespace", namespace);
    }
    return sign(key, claims.build());
  }

  /** Tokens that must be refused: other key, issuer, audience, or expired. */
  public Map<String, String> invalid(String subject) {
    Instant now = Instant.now();
    return Map.of(
        "signed by another key",
        sign(stranger, claims(subject, ISSUER, AUDIENCE, List.of("ADMIN"), now).build()),
        "another issuer",
        sign(key, claims(subject, "https://other", AUDIENCE, List.of("ADMIN"), now).build()),
        "another audience",
        sign(key, claims(subject, ISSUER, "other", List.of("ADMIN"), now).build()),
        "expired",
        sign(
            key,
            claims(subject, ISSUER, AUDIENCE, List.of("ADMIN"), now.minusSeconds(3600)).build()));
  }

  private static JWTClaimsSet.Builder claims(
      String subject, String issuer, String audience, List<String> roles, Instant issuedAt) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject(subject)
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(issuedAt))
        .expirationTime(Date.from(issuedAt.plusSeconds(900)))
        .claim("preferred_username", subject)
        .claim("roles", roles);
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(new JOSEObjectType("at+jwt"))
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
