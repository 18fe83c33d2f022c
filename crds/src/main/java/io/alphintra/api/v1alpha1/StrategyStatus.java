package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The observed state of a Strategy, polled from its engine's /status endpoint.
 *
 * @param observedGeneration The metadata.generation this status describes.
 * @param phase Pending, Running, Suspended, Halted or Failed.
 * @param conditions Ready, Progressing, Degraded and Halted.
 * @param pnl Profit and loss since the strategy started.
 * @param positions Open positions.
 * @param ordersToday Orders sent since 00:00 UTC.
 * @param lastSignalTime When the strategy last produced a signal (RFC 3339).
 * @param haltReason Which risk limit halted the strategy, while halted.
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
    String haltReason) {}
