package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutStatus;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.environment.model.Stack;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** A mutable copy of a RolloutStatus while the state machine decides the next one. */
final class RolloutDraft {
  long revision;
  RolloutPhase phase;
  Color fromColor;
  Color toColor;
  String fromVersion;
  String toVersion;

  /** Pods per service of the color that is not live; see RolloutStatus.serviceReplicas. */
  Map<PlatformService, Integer> replicas = new EnumMap<>(PlatformService.class);

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

  /** When the new color's latest pods were started; the progress deadline counts from here. */
  Instant podsStartedAt;

  static RolloutDraft of(RolloutStatus r) {
    RolloutDraft d = new RolloutDraft();
    d.revision = r.revision() == null ? 0 : r.revision();
    d.phase = r.phase();
    d.fromColor = r.fromColor();
    d.toColor = r.toColor();
    d.fromVersion = r.fromVersion();
    d.toVersion = r.toVersion();
    if (r.serviceReplicas() != null) {
      r.serviceReplicas()
          .forEach(
              (component, count) ->
                  PlatformService.byComponent(component)
                      .ifPresent(service -> d.replicas.put(service, count)));
    } else if (r.replicas() != null) {
      d.replicas.putAll(Stack.everyService(r.replicas()));
    }
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
    d.podsStartedAt = time(r.podsStartedAt());
    return d;
  }

  RolloutStatus build() {
    Map<String, Integer> counts = new TreeMap<>();
    replicas.forEach((service, count) -> counts.put(service.component().label(), count));
    return new RolloutStatus(
        revision,
        phase,
        fromColor,
        toColor,
        fromVersion,
        toVersion,
        null,
        counts.isEmpty() ? null : counts,
        text(startedAt),
        text(phaseSince),
        text(stableSince),
        restartBaseline,
        successes,
        failures,
        text(lastCheckAt),
        text(promotedAt),
        text(scaleDownAt),
        message,
        text(podsStartedAt));
  }

  void enter(RolloutPhase next, Instant now, String why) {
    phase = next;
    phaseSince = now;
    successes = 0;
    failures = 0;
    message = why;
  }

  /** The preview color is still being tested (not yet promoted, rolled back or aborted). */
  boolean previewUnderTest() {
    return phase == RolloutPhase.Progressing
        || phase == RolloutPhase.Stabilizing
        || phase == RolloutPhase.Checking
        || phase == RolloutPhase.Paused;
  }

  private static Instant time(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String text(Instant time) {
    return time == null ? null : time.toString();
  }
}
