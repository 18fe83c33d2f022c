package io.alphintra.strategyengine.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Stands in for auth-service, whose real token exchange needs a kube-apiserver TokenReview: it
 * serves its JWKS to trading-api and exchanges a known projected service-account token for a
 * STRATEGY access token with the claims auth-service gives one (roles, strategy, namespace), signed
 * the same way (RS256, typ at+jwt). Everything else in the Live ITs is the real service.
 */
final class AuthServiceDouble implements AutoCloseable {

  static final String ISSUER = "https://auth.strategy-engine.test";
  static final String AUDIENCE = "alphintra";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RSAKey key;
  private final HttpServer server;
  private final Map<String, String> strategiesByServiceAccountToken = new ConcurrentHashMap<>();
  private final List<String> exchanged = new CopyOnWriteArrayList<>();

  private AuthServiceDouble(RSAKey key, HttpServer server) {
    this.key = key;
    this.server = server;
  }

  static AuthServiceDouble start() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("k-engine-it").generate();
      byte[] jwks = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      AuthServiceDouble auth = new AuthServiceDouble(key, server);
      server.createContext("/.well-known/jwks.json", exchange -> reply(exchange, 200, jwks));
      server.createContext("/api/v1/auth/strategy-token", auth::exchange);
      server.start();
      return auth;
    } catch (IOException | JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String jwksUri() {
    return url() + "/.well-known/jwks.json";
  }

  /** The projected token the pod of {@code strategy} would have. */
  void knowServiceAccount(String projectedToken, String strategy) {
    strategiesByServiceAccountToken.put(projectedToken, strategy);
  }

  /** Service-account tokens exchanged so far. */
  List<String> exchanged() {
    return List.copyOf(exchanged);
  }

  String admin() {
    return sign(claims("admin-it", List.of("ADMIN")).build());
  }

  /** A STRATEGY token as auth-service issues it for {@code strategy}. */
  String strategyToken(String strategy) {
    return sign(
        claims("system:serviceaccount:it:" + strategy + "-strategy", List.of("STRATEGY"))
            .claim("strategy", strategy)
            .claim("namespace", "it")
            .build());
  }

  private void exchange(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String projected = body.path("service_account_token").asString("");
    String strategy = strategiesByServiceAccountToken.get(projected);
    if (!"POST".equals(exchange.getRequestMethod()) || strategy == null) {
      reply(exchange, 401, "{\"detail\":\"not a known service-account token\"}".getBytes());
      return;
    }
    exchanged.add(projected);
    String token = strategyToken(strategy);
    String answer =
        JSON.createObjectNode()
            .put("access_token", token)
            .put("token_type", "Bearer")
            .put("expires_in", 900)
            .toString();
    reply(exchange, 200, answer.getBytes(StandardCharsets.UTF_8));
  }

  private static JWTClaimsSet.Builder claims(String subject, List<String> roles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(900)))
        .claim("preferred_username", subject)
        .claim("roles", roles);
  }

  private String sign(JWTClaimsSet claims) {
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
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
