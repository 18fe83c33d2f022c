package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The desired state of a BrokerConnection.
 *
 * @param environmentRef The TradingEnvironment (same namespace) this connection serves.
 * @param broker Simulator (the operator deploys a broker-simulator) or Binance (any
 *     Binance-Spot-compatible API).
 * @param endpoint Base URL of the venue's REST API, e.g. https://api.binance.com. Required for
 *     Binance; for Simulator it defaults to the generated simulator Service.
 * @param streamEndpoint Base URL of the venue's WebSocket market streams (ws or wss), e.g.
 *     wss://stream.binance.com:9443. Defaults: for a binance.com endpoint
 *     wss://stream.binance.com:9443 (Binance streams from another host and port than REST); for
 *     another Binance-compatible endpoint, the endpoint's host and port over ws(s) (the Binance
 *     Spot testnet needs wss://stream.testnet.binance.vision set here); for Simulator the generated
 *     simulator Service. The connector's egress policy allows its port.
 * @param credentialsSecretRef The Secret with the API key and secret. Required for Binance; for
 *     Simulator the operator generates one.
 * @param rateLimits The venue's limits the connector stays under, on top of the venue's own
 *     headers.
 * @param symbols Symbols this connection trades and streams, upper case, e.g. BTCUSDT.
 * @param replicas broker-connector pods: 1, or 0 to stop it. One process places the orders of an
 *     account: two could both find a clientOrderId absent on the venue and both send it. The
 *     connector's Deployment uses the Recreate strategy, so an update never runs two either.
 * @param simulator Settings of the simulated exchange; only with broker Simulator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.broker != 'Binance' || (has(self.endpoint) && has(self.credentialsSecretRef))",
    message =
        "spec.endpoint and spec.credentialsSecretRef are required for broker Binance: set the venue's REST URL and the Secret with the API key and secret")
@ValidationRule(
    value = "!has(self.replicas) || self.replicas <= 1",
    message =
        "spec.replicas must be 0 or 1: one broker-connector places the orders of an account, because two could both find a clientOrderId absent on the venue and both send it; for more capacity or isolation create another BrokerConnection with its own account and API key")
@ValidationRule(
    value = "self.broker == 'Simulator' || !has(self.simulator)",
    message =
        "spec.simulator is only allowed with broker Simulator: remove spec.simulator or set spec.broker to Simulator")
public record BrokerConnectionSpec(
    @Required LocalObjectReference environmentRef,
    @Required BrokerType broker,
    @Pattern(Patterns.HTTP_URL) String endpoint,
    @Pattern(Patterns.WS_URL) String streamEndpoint,
    CredentialsSecretRef credentialsSecretRef,
    RateLimits rateLimits,
    @Size(max = 50) List<@Pattern(Patterns.SYMBOL) String> symbols,
    @Default("1") @Min(0) Integer replicas,
    SimulatorSpec simulator) {

  /** Where Binance's own market streams are served when the REST endpoint is a binance.com host. */
  public static final String BINANCE_STREAM_ENDPOINT = "wss://stream.binance.com:9443";

  /** The replica count, defaulted to one; admission allows 0 or 1. */
  public int replicasOrDefault() {
    return replicas != null ? replicas : 1;
  }
}
