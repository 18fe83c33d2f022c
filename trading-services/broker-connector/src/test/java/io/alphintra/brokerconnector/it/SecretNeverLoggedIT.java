package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Runs the connector with known credentials through successes, rejections, venue errors and refused
 * credentials, with DEBUG logging, and asserts the credentials appear nowhere: not in the logs, the
 * health endpoints, the metrics or the API's error bodies.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretNeverLoggedIT {

  private static final String WRONG_SECRET = "wrong-secret-Q8rT55vv";
  private static final String UNKNOWN_KEY = "unknown-key-Lm42Pz";

  @Test
  void credentialsNeverAppearInLogsHealthMetricsOrErrors(CapturedOutput output) {
    List<String> exposed = new ArrayList<>();
    try (SimulatedVenue venue = SimulatedVenue.start();
        RunningConnector connector =
            RunningConnector.start(
                venue,
                "SIMUSDT",
                "logging.level.io.alphintra=DEBUG",
                "logging.level.org.springframework.web=DEBUG");
        RunningConnector wrongSecret =
            RunningConnector.start(
                venue,
                "SIMUSDT",
                "alphintra.broker.secret-key=" + WRONG_SECRET,
                "logging.level.io.alphintra=DEBUG");
        RunningConnector unknownKey =
            RunningConnector.start(
                venue,
                "SIMUSDT",
                "alphintra.broker.api-key=" + UNKNOWN_KEY,
                "logging.level.io.alphintra=DEBUG")) {
      exposed.add(
          connector
              .post(
                  "/api/v1/orders", order("sec-1", "SIMUSDT", "BUY", "LIMIT", "GTC", "1", "50.00"))
              .raw());
      exposed.add(
          connector
              .post(
                  "/api/v1/orders", order("sec-2", "SIMUSDT", "BUY", "LIMIT", "GTC", "1", "50.001"))
              .raw());
      exposed.add(
          connector
              .post(
                  "/api/v1/orders",
                  order("sec-3", "SIMUSDT", "BUY", "LIMIT", "GTC", "1000000", "50.00"))
              .raw());
      exposed.add(connector.get("/api/v1/orders/sec-none?symbol=SIMUSDT").raw());
      exposed.add(connector.delete("/api/v1/orders/sec-1").raw());
      venue.faults("{\"serverErrorRate\":1.0}");
      exposed.add(connector.get("/api/v1/orders/sec-1").raw());
      venue.faults("{}");
      exposed.add(
          wrongSecret
              .post(
                  "/api/v1/orders", order("sec-4", "SIMUSDT", "BUY", "LIMIT", "GTC", "1", "50.00"))
              .raw());
      exposed.add(
          unknownKey
              .post(
                  "/api/v1/orders", order("sec-5", "SIMUSDT", "BUY", "LIMIT", "GTC", "1", "50.00"))
              .raw());

      Reply refused = wrongSecret.get("/api/v1/health/broker");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body().path("authenticated").asBoolean()).isFalse();
      assertThat(refused.body().path("lastError").path("message").asString())
          .contains("Signature for this request is not valid");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> unknownKey.get("/api/v1/health/broker").status() == 503);
      for (RunningConnector each : List.of(connector, wrongSecret, unknownKey)) {
        exposed.add(each.get("/api/v1/health/broker").raw());
        exposed.add(each.get("/actuator/health").raw());
        exposed.add(each.get("/actuator/prometheus").raw());
        exposed.add(each.get("/actuator/env").raw());
      }
    }

    String everything = String.join("\n", exposed) + "\n" + output.getAll();
    assertThat(output.getAll()).contains("Venue session up");
    assertThat(exposed.get(1)).contains("PRICE_FILTER");
    for (String secret :
        List.of(SimulatedVenue.SECRET_KEY, SimulatedVenue.API_KEY, WRONG_SECRET, UNKNOWN_KEY)) {
      assertThat(everything).as("output mentioning a credential").doesNotContain(secret);
    }
  }
}
