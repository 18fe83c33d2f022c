package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutStatus;
import java.time.Instant;

/** A mutable copy of a RolloutStatus while the state machine decides the next one. */
final class RolloutDraft {
  long revision;
  RolloutPhase phase;
  Color fromColor;
  Color toColor;
  String fromVersion;
  String toVersion;
  Integer replicas;
  Instant startedAt;
  Instant phaseSince;
  Instant stableSince;
  Integer restartBaseline;
  int successes;
  int failures;
  Instant lastCheckAt;
  Instant promotedAt;
  Instant scaleDownAt;
  String message;

  static RolloutDraft of(RolloutStatus r) {
    RolloutDraft d = new RolloutDraft();
    d.revision = r.revision() == null ? 0 : r.revision();
    d.phase = r.phase();
    d.fromColor = r.fromColor();
    d.toColor = r.toColor();
    d.fromVersion = r.fromVersion();
    d.toVersion = r.toVersion();
    d.replicas = r.replicas();
    d.startedAt = time(r.startedAt());
    d.phaseSince = time(r.phaseSince());
    d.stableSince = time(r.stableSince());
    d.restartBaseline = r.restartBaseline();
    d.successes = r.consecutiveSuccesses() == null ? 0 : r.consecutiveSuccesses();
    d.failures = r.consecutiveFailures() == null ? 0 : r.consecutiveFailures();
    d.lastCheckAt = time(r.lastCheckAt());
    d.promotedAt = time(r.promotedAt());
    d.scaleDownAt = time(r.scaleDownAt());
    d.message = r.message();
    return d;
  }

  RolloutStatus build() {
    return new RolloutStatus(revision, phase, fromColor, toColor, fromVersion, toVersion, replicas, text(startedAt),
        text(phaseSince), text(stableSince), restartBaseline, successes, failures, text(lastCheckAt), text(promotedAt),
        text(scaleDownAt), message);
  }

  void enter(RolloutPhase next, Instant now, String why) {
    phase = next;
    phaseSince = now;
    successes = 0;
    failures = 0;
    message = why;
  }

  boolean inFlight() {
    return phase == RolloutPhase.Progressing || phase == RolloutPhase.Stabilizing || phase == RolloutPhase.Checking
        || phase == RolloutPhase.Paused;
  }

  private static Instant time(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String text(Instant time) {
    return time == null ? null : time.toString();
  }
}
