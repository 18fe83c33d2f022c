package io.alphintra.e2e.up;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.environment.model.AuthServiceSecrets;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.PlatformService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The environment's admin, logged in through port-forwards to a Ready pod of auth-service and of
 * trading-api (what a user does with {@code kubectl port-forward}): the main job creates the
 * trading-api account a Live strategy trades on, which only an ADMIN may do. The password is read
 * from the generated Secret and never printed.
 */
final class AdminSession implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<LocalPortForward> forwards = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI tradingApi;
  private final String token;

  private AdminSession(KubernetesClient client, TradingEnvironment te) {
    try {
      String ns = te.getMetadata().getNamespace();
      URI auth =
          forward(client, ns, EnvironmentNames.activeService(te, PlatformService.AUTH_SERVICE));
      tradingApi =
          forward(client, ns, EnvironmentNames.activeService(te, PlatformService.TRADING_API));
      Secret admin =
          client.secrets().inNamespace(ns).withName(EnvironmentNames.authAdminSecret(te)).get();
      String body =
          JSON.writeValueAsString(
              Map.of(
                  "username", decoded(admin, AuthServiceSecrets.USERNAME_KEY),
                  "password", decoded(admin, AuthServiceSecrets.PASSWORD_KEY)));
      HttpResponse<String> login = send(auth.resolve("/api/v1/auth/login"), body, null);
      if (login.statusCode() != 200) {
        throw new IllegalStateException(
            "the admin login at auth-service answered " + login.statusCode() + ": " + login.body());
      }
      token = JSON.readTree(login.body()).path("access_token").asText();
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** Logs the admin of {@code te} in. */
  static AdminSession open(KubernetesClient client, TradingEnvironment te) {
    return new AdminSession(client, te);
  }

  /**
   * Creates the trading-api account of strategy {@code strategy} (id and owner both its name) on
   * {@code connection}; an account that exists already is kept. Returns trading-api's status.
   */
  int createStrategyAccount(String strategy, String connection) throws IOException {
    HttpResponse<String> created =
        send(
            tradingApi.resolve("/api/v1/accounts"),
            JSON.writeValueAsString(
                Map.of(
                    "id", strategy,
                    "ownerType", "STRATEGY",
                    "ownerId", strategy,
                    "brokerConnection", connection)),
            token);
    if (created.statusCode() != 201 && created.statusCode() != 409) {
      throw new IllegalStateException(
          "trading-api answered "
              + created.statusCode()
              + " creating the account of strategy "
              + strategy
              + ": "
              + created.body());
    }
    return created.statusCode();
  }

  private URI forward(KubernetesClient client, String ns, String serviceName) throws IOException {
    Service service = client.services().inNamespace(ns).withName(serviceName).get();
    if (service == null) {
      throw new IllegalStateException("no Service " + ns + "/" + serviceName);
    }
    Pod pod =
        client
            .pods()
            .inNamespace(ns)
            .withLabels(service.getSpec().getSelector())
            .list()
            .getItems()
            .stream()
            .filter(AdminSession::ready)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("no Ready pod behind Service " + serviceName));
    LocalPortForward forward =
        client
            .pods()
            .inNamespace(ns)
            .withName(pod.getMetadata().getName())
            .portForward(PlatformService.HTTP_PORT);
    forwards.add(forward);
    return URI.create("http://127.0.0.1:" + forward.getLocalPort());
  }

  private HttpResponse<String> send(URI uri, String body, String bearer) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling " + uri, e);
    }
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String decoded(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (LocalPortForward forward : forwards) {
      try {
        forward.close();
      } catch (IOException e) {
        // The forward's socket is gone with it; nothing to undo.
      }
    }
  }
}
