package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The observed state of a Strategy, polled from its engine's /status endpoint.
 *
 * @param observedGeneration The metadata.generation this status describes.
 * @param phase Pending, Running, Suspended, Halted or Failed.
 * @param conditions Ready, Progressing and Halted.
 * @param pnl Profit and loss since the strategy started.
 * @param positions Open positions.
 * @param ordersToday Orders sent since 00:00 UTC.
 * @param lastSignalTime When the strategy last produced a signal (RFC 3339).
 * @param haltReason Which risk limit halted the strategy, while halted.
 * @param revision The configuration revision (hash of type, parameters, symbols, mode, risk and
 *     capital) the strategy-engine Deployment runs.
 * @param instance Counts the engine instances the operator started; it goes up each time a drained
 *     instance is replaced, so a drained engine is never asked to trade again.
 * @param drain The drain of the running instance in progress (before an update, a suspension or a
 *     deletion); absent when none is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrategyStatus(
    Long observedGeneration,
    StrategyPhase phase,
    List<Condition> conditions,
    ProfitAndLoss pnl,
    List<Position> positions,
    Integer ordersToday,
    String lastSignalTime,
    String haltReason,
    String revision,
    Long instance,
    StrategyDrain drain) {}
