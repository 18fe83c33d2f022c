package io.alphintra.tradingapi.broker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each BrokerConnection's broker-connector is and how it is called.
 *
 * @param connectors fixed {@code <connection>: <base URL>} entries
 * @param connectorsFile a properties file of {@code <connection>=<base URL>} lines (the operator
 *     mounts one), re-read whenever it changes; its entries win over {@code connectors}
 * @param requestTimeout after this the outcome of a call is unknown
 * @param pollInterval how often open orders' states and the connectors' fill feeds are also polled:
 *     the safety net behind the pushed execution streams, and what resolves unknown placements
 * @param placementDeadline a placement still pending after this (e.g. the process died mid-call) is
 *     re-sent by the poller; the connector is idempotent per clientOrderId
 * @param lostOrderGrace an acknowledged open order the venue answers it has no record of is settled
 *     by the poller (EXPIRED NOT_ON_VENUE) only once its last change is this old: a venue may not
 *     yet find an order it has just accepted (Binance's order lookup can lag the placement)
 */
@ConfigurationProperties("alphintra.trading.broker")
public record ConnectorProperties(
    Map<String, URI> connectors,
    Path connectorsFile,
    @DefaultValue("5s") Duration requestTimeout,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("30s") Duration placementDeadline,
    @DefaultValue("30s") Duration lostOrderGrace) {

  public ConnectorProperties {
    connectors = connectors == null ? Map.of() : Map.copyOf(connectors);
  }
}
