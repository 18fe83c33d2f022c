package io.alphintra.operator.broker.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.operator.common.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the connector's health report becomes a BrokerConnection's conditions. */
class ConnectorHealthTest {

  /** What the connector answers (HTTP 503) while its venue refuses connections. */
  private static final String VENUE_OUTAGE =
      """
      {"status":"DOWN","reason":"NOT_CONNECTED","message":"The venue at https://api.venue.test does not answer \
      (last error: cannot connect to the venue: ConnectException); orders are refused with 503 NOT_CONNECTED until \
      it does. Check the venue's status and the egress to it.","sessionReady":true,"connected":false,\
      "authenticated":true,"roundTripLatencyMillis":3,"usedWeight":57,"weightLimit":6000,"orderCount10s":0,\
      "orderLimit10s":100,"backOffRemainingMillis":0,"endpoint":"https://api.venue.test","resolvedAddress":null,\
      "serverTimeOffsetMillis":-1,"symbols":["BTCUSDT"],"lastContact":"2026-01-01T00:00:00Z",\
      "lastError":{"message":"cannot connect to the venue: ConnectException","at":"2026-01-01T00:00:05Z"}}""";

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

  @Test
  void aDownReportCarriesTheConnectorsReasonAndMessage() {
    ConnectorHealth health = ConnectorHealth.fromReport(VENUE_OUTAGE);

    assertThat(health.reachable()).isTrue();
    assertThat(health.up()).isFalse();
    assertThat(health.reason()).isEqualTo("NOT_CONNECTED");
    assertThat(health.message()).startsWith("The venue at https://api.venue.test does not answer");
    assertThat(health.connected()).isFalse();
    assertThat(health.authenticated()).isTrue();
    assertThat(health.latencyMillis()).isEqualTo(3L);
    assertThat(health.usedWeight()).isEqualTo(57);
    assertThat(health.endpoint()).isEqualTo("https://api.venue.test");
    assertThat(health.lastError()).isEqualTo("cannot connect to the venue: ConnectException");
  }

  @Test
  void aVenueOutageShowsTheConnectorsReasonInStatusNotUnknown() {
    var status =
        BrokerStatusModel.status(
            connection(), null, ConnectorHealth.fromReport(VENUE_OUTAGE), null, NOW);

    Condition ready = condition(status.conditions(), Condition.READY);
    assertThat(ready.status()).isEqualTo(ConditionStatus.False);
    assertThat(ready.reason()).isEqualTo("NotConnected");
    assertThat(ready.message()).contains("does not answer").contains("ConnectException");
    Condition connected = condition(status.conditions(), BrokerStatusModel.CONNECTED);
    assertThat(connected.status()).isEqualTo(ConditionStatus.False);
    assertThat(connected.reason()).isEqualTo("VenueUnreachable");
    assertThat(status.resolvedEndpoint()).isEqualTo("https://api.venue.test");
  }

  @Test
  void aConnectorStillLoadingItsSessionIsNotReadyEvenThoughConnectedAndAuthenticated() {
    String starting =
        """
        {"status":"DOWN","reason":"SESSION_STARTING","message":"Loading the venue's clock, symbol rules and open orders \
        from https://api.venue.test; orders are accepted once this is done.","sessionReady":false,"connected":true,\
        "authenticated":true,"roundTripLatencyMillis":4,"endpoint":"https://api.venue.test","lastError":null}""";

    var status =
        BrokerStatusModel.status(
            connection(), null, ConnectorHealth.fromReport(starting), null, NOW);

    Condition ready = condition(status.conditions(), Condition.READY);
    assertThat(ready.status()).isEqualTo(ConditionStatus.False);
    assertThat(ready.reason()).isEqualTo("SessionStarting");
    assertThat(ready.message()).contains("Loading the venue's clock");
    assertThat(condition(status.conditions(), BrokerStatusModel.CONNECTED).status())
        .isEqualTo(ConditionStatus.True);
  }

  @Test
  void anUpReportIsReady() {
    String up =
        """
        {"status":"UP","reason":"CONNECTED","message":"Connected and authenticated to https://api.venue.test",\
        "sessionReady":true,"connected":true,"authenticated":true,"roundTripLatencyMillis":2,"usedWeight":9,\
        "endpoint":"https://api.venue.test","lastError":null}""";

    var status =
        BrokerStatusModel.status(connection(), null, ConnectorHealth.fromReport(up), null, NOW);

    Condition ready = condition(status.conditions(), Condition.READY);
    assertThat(ready.status()).isEqualTo(ConditionStatus.True);
    assertThat(ready.reason()).isEqualTo("Connected");
    assertThat(status.latencyMillis()).isEqualTo(2L);
  }

  @Test
  void aReportWithoutAReasonIsJudgedByItsFlags() {
    String older =
        """
        {"status":"DOWN","connected":true,"authenticated":false,"roundTripLatencyMillis":9,"usedWeight":1,\
        "endpoint":"http://sim-simulator:8080","lastError":{"message":"-2015 Invalid API-key"}}""";

    var status =
        BrokerStatusModel.status(connection(), null, ConnectorHealth.fromReport(older), null, NOW);

    Condition ready = condition(status.conditions(), Condition.READY);
    assertThat(ready.reason()).isEqualTo("NotAuthenticated");
    assertThat(ready.message()).contains("-2015 Invalid API-key");
  }

  @Test
  void aBodyThatIsNotJsonMeansTheConnectorWasNotHeard() {
    ConnectorHealth health = ConnectorHealth.fromReport("<html>502 Bad Gateway</html>");

    assertThat(health.reachable()).isFalse();
    assertThat(health.lastError()).startsWith("the health report is not JSON");
  }

  @Test
  void connectorReasonCodesBecomeConditionReasons() {
    assertThat(BrokerStatusModel.conditionReason("NOT_AUTHENTICATED"))
        .isEqualTo("NotAuthenticated");
    assertThat(BrokerStatusModel.conditionReason("RATE_LIMITED_BY_VENUE"))
        .isEqualTo("RateLimitedByVenue");
    assertThat(BrokerStatusModel.conditionReason("__")).isEqualTo("ConnectorNotReady");
  }

  private static BrokerConnection connection() {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(
        new ObjectMetaBuilder()
            .withName("binance")
            .withNamespace("desk")
            .withGeneration(3L)
            .build());
    return bc;
  }

  private static Condition condition(java.util.List<Condition> conditions, String type) {
    return Conditions.find(conditions, type)
        .orElseThrow(() -> new AssertionError("no " + type + " in " + conditions));
  }
}
