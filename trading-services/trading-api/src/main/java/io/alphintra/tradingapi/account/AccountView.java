package io.alphintra.tradingapi.account;

import io.alphintra.tradingapi.broker.ConnectorDirectory;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An account as the API answers it: what is stored plus whether its orders can be routed right now.
 *
 * @param id lowercase letters, digits and dashes
 * @param ownerType USER or STRATEGY
 * @param ownerId the user's token subject, or the strategy's name
 * @param brokerConnection the BrokerConnection whose connector places its orders
 * @param routable whether this trading-api knows the connector of {@code brokerConnection} at the
 *     time of the answer; while false, orders are rejected with {@code NO_CONNECTOR} (the
 *     connectors file, mounted from a ConfigMap, is refreshed by the kubelet about once a minute)
 * @param limits pre-trade risk limits
 * @param killSwitch whether an ADMIN stopped its trading
 * @param killSwitchReason why, as the ADMIN wrote it
 * @param killSwitchBy who set it
 * @param killSwitchAt when
 */
@Schema(name = "Account")
public record AccountView(
    String id,
    OwnerType ownerType,
    String ownerId,
    String brokerConnection,
    boolean routable,
    RiskLimits limits,
    boolean killSwitch,
    String killSwitchReason,
    String killSwitchBy,
    Instant killSwitchAt) {

  /** {@code account} with its routability read from {@code connectors} now. */
  public static AccountView of(Account account, ConnectorDirectory connectors) {
    return new AccountView(
        account.id(),
        account.ownerType(),
        account.ownerId(),
        account.brokerConnection(),
        connectors.find(account.brokerConnection()).isPresent(),
        account.limits(),
        account.killSwitch(),
        account.killSwitchReason(),
        account.killSwitchBy(),
        account.killSwitchAt());
  }
}
