package io.alphintra.tradingapi.risk;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Engage or release an account's kill switch.
 *
 * @param engaged true stops the account: open orders are canceled, new ones refused
 * @param reason why, kept with the account and in each canceled order's history
 */
public record KillSwitchRequest(@NotNull Boolean engaged, @NotBlank String reason) {}
