package io.alphintra.e2e.realnode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the venue (the connection's broker-simulator) holds: its {@code allOrders}, asked with the
 * connection's generated API key as the connector asks (signed), every second, from each simulator
 * pod that ever ran. The simulator keeps its book in memory and a promoted release restarts it (it
 * runs the environment's version), so the orders of every incarnation are kept apart, with the time
 * each one was last read completely.
 */
final class VenueOrders implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One simulator pod's orders (venue orderId to the clientOrderId the venue got), since when it
   * was Ready, and when it was last read completely.
   */
  record Incarnation(String pod, Instant started, Map<Long, String> orders, Instant[] lastRead) {}

  private final KubernetesClient client;
  private final String namespace;
  private final String simulatorDeployment;
  private final String apiKey;
  private final byte[] secretKey;
  private final String symbol;
  private final Map<String, Incarnation> incarnations = new ConcurrentHashMap<>();
  private final List<String> conflicts = new CopyOnWriteArrayList<>();
  private final List<String> readFailures = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("venue-orders").factory());

  VenueOrders(
      KubernetesClient client,
      String namespace,
      String simulatorDeployment,
      String credentialsSecret,
      String symbol) {
    this.client = client;
    this.namespace = namespace;
    this.simulatorDeployment = simulatorDeployment;
    this.symbol = symbol;
    Secret secret = client.secrets().inNamespace(namespace).withName(credentialsSecret).get();
    this.apiKey = decoded(secret, CredentialsSecretRef.DEFAULT_API_KEY_KEY);
    this.secretKey =
        decoded(secret, CredentialsSecretRef.DEFAULT_SECRET_KEY_KEY)
            .getBytes(StandardCharsets.UTF_8);
    ticker.scheduleWithFixedDelay(this::readAll, 0, 1, TimeUnit.SECONDS);
  }

  /** Reads every Ready simulator pod's whole order history now. */
  synchronized void readAll() {
    for (Pod pod :
        client.pods().inNamespace(namespace).list().getItems().stream()
            .filter(p -> p.getMetadata().getName().startsWith(simulatorDeployment + "-"))
            .filter(p -> RealNodePods.readySince(p) != null)
            .toList()) {
      try {
        read(pod);
      } catch (Exception e) {
        // A pod going away while it is read: its last complete read stands.
        readFailures.add(pod.getMetadata().getName() + ": " + e);
      }
    }
  }

  private void read(Pod pod) throws Exception {
    Incarnation incarnation =
        incarnations.computeIfAbsent(
            pod.getMetadata().getName(),
            name ->
                new Incarnation(
                    name,
                    // Since it serves: the previous simulator pod serves until this one is Ready.
                    Instant.parse(RealNodePods.readySince(pod)),
                    new ConcurrentHashMap<>(),
                    new Instant[1]));
    Instant started = Instant.now();
    long from = 0;
    while (true) {
      String query =
          "symbol="
              + symbol
              + "&orderId="
              + from
              + "&limit=1000&timestamp="
              + System.currentTimeMillis();
      String signed = query + "&signature=" + sign(query);
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://"
                              + pod.getStatus().getPodIP()
                              + ":8080/api/v3/allOrders?"
                              + signed))
                  .header("X-MBX-APIKEY", apiKey)
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "allOrders answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode page = JSON.readTree(response.body());
      long last = from;
      for (JsonNode order : page) {
        long id = order.path("orderId").asLong();
        String clientOrderId = order.path("clientOrderId").asText();
        String before = incarnation.orders().putIfAbsent(id, clientOrderId);
        if (before != null && !before.equals(clientOrderId)) {
          conflicts.add("venue orderId " + id + " was " + before + ", now " + clientOrderId);
        }
        last = Math.max(last, id);
      }
      if (page.size() < 1000) {
        break;
      }
      from = last + 1;
    }
    incarnation.lastRead()[0] = started;
  }

  private String sign(String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }

  List<Incarnation> incarnations() {
    return List.copyOf(incarnations.values());
  }

  /** A venue orderId that named two different clientOrderIds: never expected. */
  List<String> conflicts() {
    return List.copyOf(conflicts);
  }

  List<String> readFailures() {
    return List.copyOf(readFailures);
  }

  @Override
  public void close() throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static String decoded(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
