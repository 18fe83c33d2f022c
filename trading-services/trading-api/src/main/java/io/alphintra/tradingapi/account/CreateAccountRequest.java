package io.alphintra.tradingapi.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A new account.
 *
 * @param id 1-63 lowercase letters, digits and dashes
 * @param ownerType USER or STRATEGY
 * @param ownerId the owning user's token subject ({@code sub}), or the strategy's name
 * @param brokerConnection the BrokerConnection it trades through
 * @param limits its risk limits; omitted: none
 */
public record CreateAccountRequest(
    @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,62}$", message = "must be 1-63 of a-z 0-9 -")
        String id,
    @NotNull OwnerType ownerType,
    @NotBlank String ownerId,
    @NotBlank String brokerConnection,
    @Valid RiskLimits limits) {}
