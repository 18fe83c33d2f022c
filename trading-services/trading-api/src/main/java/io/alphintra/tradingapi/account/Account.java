package io.alphintra.tradingapi.account;

import java.time.Instant;

/**
 * A trading account: trades through one BrokerConnection, belongs to a user or a strategy.
 *
 * @param id lowercase letters, digits and dashes
 * @param ownerType USER or STRATEGY
 * @param ownerId the user's token subject, or the strategy's name
 * @param brokerConnection the BrokerConnection whose connector places its orders
 * @param limits pre-trade risk limits
 * @param killSwitch whether an ADMIN stopped its trading
 * @param killSwitchReason why, as the ADMIN wrote it
 * @param killSwitchBy who set it
 * @param killSwitchAt when
 */
public record Account(
    String id,
    OwnerType ownerType,
    String ownerId,
    String brokerConnection,
    RiskLimits limits,
    boolean killSwitch,
    String killSwitchReason,
    String killSwitchBy,
    Instant killSwitchAt) {}
