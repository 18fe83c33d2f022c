package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One finished rollout, kept in a bounded history.
 *
 * @param revision The rollout's revision.
 * @param version The version it rolled out.
 * @param outcome Promoted, Aborted, RolledBack or Superseded.
 * @param reason Why it ended that way.
 * @param startedAt When it started (RFC 3339).
 * @param finishedAt When it ended (RFC 3339).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutRecord(
    Long revision,
    String version,
    RolloutOutcome outcome,
    String reason,
    String startedAt,
    String finishedAt) {}
