package io.alphintra.strategyengine.execution.live;

import io.alphintra.strategyengine.execution.VenueStartFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The strategy's STRATEGY access token from auth-service, traded for the pod's projected
 * service-account token (re-read on every exchange: the kubelet rotates it). Renewed once a fifth
 * of its life (at least 30 s) is left. Neither token is ever logged or put into a message.
 */
final class StrategyTokens {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MIN_MARGIN = Duration.ofSeconds(30);

  private final URI exchange;
  private final Path serviceAccountToken;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  StrategyTokens(
      String authUrl, Path serviceAccountToken, HttpClient http, Duration timeout, Clock clock) {
    this.exchange = URI.create(authUrl.replaceAll("/+$", "") + "/api/v1/auth/strategy-token");
    this.serviceAccountToken = serviceAccountToken;
    this.http = http;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** A valid access token, exchanging for a new one when due. */
  synchronized String current() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      renew();
    }
    return token;
  }

  /** Forgets the token (trading-api refused it). */
  synchronized void invalidate() {
    token = null;
  }

  private void renew() {
    String projected;
    try {
      projected = Files.readString(serviceAccountToken).strip();
    } catch (IOException e) {
      throw new VenueStartFailure(
          "the service-account token "
              + serviceAccountToken
              + " cannot be read: project one (audience alphintra) there or set"
              + " ALPHINTRA_SERVICE_ACCOUNT_TOKEN",
          true);
    }
    ObjectNode body = JSON.createObjectNode().put("service_account_token", projected);
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(exchange)
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new VenueStartFailure("auth-service at " + exchange + " unreachable: " + e, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VenueStartFailure("interrupted", false);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new VenueStartFailure(
          "auth-service refused the strategy's service-account token ("
              + response.statusCode()
              + "): "
              + detail(response.body()),
          true);
    }
    if (response.statusCode() != 200) {
      throw new VenueStartFailure(
          "auth-service answered " + response.statusCode() + ": " + detail(response.body()), false);
    }
    JsonNode answer = JSON.readTree(response.body());
    token = answer.path("access_token").asString();
    long expiresIn = answer.path("expires_in").asLong(300);
    Duration margin = Duration.ofSeconds(expiresIn / 5);
    renewAt =
        clock
            .instant()
            .plusSeconds(expiresIn)
            .minus(margin.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : margin);
  }

  private static String detail(String body) {
    try {
      JsonNode problem = JSON.readTree(body);
      return problem.path("detail").asString(problem.path("error").asString("no detail"));
    } catch (RuntimeException e) {
      return "no detail";
    }
  }
}
