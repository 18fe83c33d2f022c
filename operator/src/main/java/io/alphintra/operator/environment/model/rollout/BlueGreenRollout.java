package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.RolloutOutcome;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutRecord;
import io.alphintra.api.v1alpha1.RolloutStatus;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.CheckResult;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.environment.model.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blue-green state machine as a pure function: previous status + what the cluster shows + the
 * last check → next status, the stacks to run and the phase transitions to report. Everything it
 * needs lives in the status, so an operator restart at any phase resumes where it stopped.
 */
public final class BlueGreenRollout {
  /** Finished rollouts kept in status.history. */
  public static final int HISTORY_LIMIT = 10;

  private BlueGreenRollout() {}

  /** The color a health check should be run against now, or empty when none is due. */
  public static Optional<Color> checkDue(
      TradingEnvironmentStatus status, RolloutSettings settings, Instant now) {
    RolloutStatus r = status == null ? null : status.rollout();
    if (r == null || r.phase() == null) {
      return Optional.empty();
    }
    Duration interval =
        switch (r.phase()) {
          case Checking -> settings.checkInterval();
          case Promoted -> settings.postInterval();
          default -> null;
        };
    if (interval == null) {
      return Optional.empty();
    }
    boolean due =
        r.lastCheckAt() == null || !now.isBefore(Instant.parse(r.lastCheckAt()).plus(interval));
    return due ? Optional.of(r.toColor()) : Optional.empty();
  }

  public static RolloutDecision next(RolloutInput in) {
    return new Step(in).run();
  }

  /** One step; keeps the draft state while phases are evaluated. */
  private static final class Step {
    private final RolloutInput in;
    private final RolloutSettings s;
    private final Instant now;
    private final List<RolloutRecord> history;
    private final List<RolloutTransition> transitions = new ArrayList<>();
    private Color active;
    private String activeVersion;
    private RolloutDraft r;
    private boolean abortHandled;
    private Map<PlatformService, Integer> newColorStack;

    Step(RolloutInput in) {
      this.in = in;
      this.s = in.settings();
      this.now = in.now();
      TradingEnvironmentStatus status = in.status();
      this.history =
          new ArrayList<>(
              status == null || status.history() == null ? List.of() : status.history());
      this.active =
          status == null || status.activeColor() == null ? Color.blue : status.activeColor();
      this.activeVersion = status == null ? null : status.activeVersion();
      this.r =
          status == null || status.rollout() == null ? null : RolloutDraft.of(status.rollout());
    }

    RolloutDecision run() {
      if (r == null || activeVersion == null) {
        initialDeployment();
      } else if (in.abortRequested()) {
        // The abort acts on what was in flight when it was read, and nothing else happens in this
        // step: a revision
        // is only ever started once the annotation is gone, so a leftover can never abort a later
        // revision.
        abortRequested();
      } else {
        long revision = r.revision;
        followSpec();
        // A revision started in this step has not been applied yet: what was observed belongs to
        // the old one.
        if (r.revision == revision) {
          advance();
        }
      }
      if (r.previewUnderTest()) {
        newColorStack = startable(r.replicas);
      }
      return decision();
    }

    /**
     * The new color's pods to run now: all of {@code target}, or with maxStartingPods as many as
     * keep the pods that are starting within it, services in order. Raising them restarts the
     * progress deadline.
     */
    private Map<PlatformService, Integer> startable(Map<PlatformService, Integer> target) {
      if (s.maxStartingPods() == Integer.MAX_VALUE) {
        return target;
      }
      ColorObservation o = observed(r.toColor);
      int budget = Math.max(0, s.maxStartingPods() - o.starting());
      int started = 0;
      int wanted = 0;
      Map<PlatformService, Integer> counts = new EnumMap<>(PlatformService.class);
      boolean raised = false;
      for (Map.Entry<PlatformService, Integer> e : new EnumMap<>(target).entrySet()) {
        int running = Math.min(e.getValue(), o.replicas().getOrDefault(e.getKey(), 0));
        int more = Math.min(budget, e.getValue() - running);
        budget -= more;
        raised |= more > 0;
        counts.put(e.getKey(), running + more);
        started += running + more;
        wanted += e.getValue();
      }
      if (raised) {
        r.podsStartedAt = now;
        if (r.phase == RolloutPhase.Progressing) {
          r.message =
              "Deploying "
                  + r.toVersion
                  + " on "
                  + r.toColor
                  + ", starting at most "
                  + s.maxStartingPods()
                  + (s.maxStartingPods() == 1 ? " pod" : " pods")
                  + " at a time (rollout.maxStartingPods): "
                  + started
                  + " of "
                  + wanted
                  + " started";
        }
      }
      return counts;
    }

    /**
     * When the new color's latest pods were started (a status from before the field: the start).
     */
    private Instant podsStartedAt() {
      return r.podsStartedAt == null ? r.startedAt : r.podsStartedAt;
    }

    private void initialDeployment() {
      r = new RolloutDraft();
      r.revision = 1;
      r.toColor = active;
      r.toVersion = in.desiredVersion();
      r.startedAt = now;
      r.enter(
          RolloutPhase.Completed,
          now,
          "Initial deployment of " + in.desiredVersion() + " on " + active);
      activeVersion = in.desiredVersion();
    }

    /** Reacts to spec.version: start, supersede or fast-roll-back a rollout. */
    private void followSpec() {
      String desired = in.desiredVersion();
      if (r.previewUnderTest() || r.phase == RolloutPhase.Promoted) {
        if (desired.equals(r.toVersion)) {
          return;
        }
        if (r.phase == RolloutPhase.Promoted) {
          record(
              RolloutOutcome.Promoted,
              "Superseded by " + desired + " during the post-promotion window");
        } else {
          record(
              RolloutOutcome.Superseded,
              "spec.version changed to " + desired + " before promotion");
        }
        start(desired);
        return;
      }
      if (desired.equals(activeVersion)) {
        if (r.phase == RolloutPhase.Aborted || r.phase == RolloutPhase.RolledBack) {
          r.enter(
              RolloutPhase.Completed,
              now,
              "spec.version is back at the live version "
                  + desired
                  + "; the failed revision "
                  + r.revision
                  + " stays scaled to zero");
          r.scaleDownAt = null;
          transition(RolloutPhase.Completed, "RolloutRecovered", r.message, false);
        }
        return;
      }
      if ((r.phase == RolloutPhase.Aborted || r.phase == RolloutPhase.RolledBack)
          && desired.equals(r.toVersion)) {
        return; // still the version that failed: stay failed until the spec changes
      }
      Color previous = active.other();
      boolean previousUp =
          r.phase == RolloutPhase.Completed
              && desired.equals(r.fromVersion)
              && r.scaleDownAt != null
              && now.isBefore(r.scaleDownAt)
              && observed(previous).allReady()
              && !observed(previous).crashLooping();
      if (previousUp) {
        fastRollback(desired, previous);
      } else {
        start(desired);
      }
    }

    private void start(String desired) {
      Color to = r.previewUnderTest() ? r.toColor : active.other();
      long revision = r.revision + 1;
      String fromVersion = activeVersion;
      r = new RolloutDraft();
      r.revision = revision;
      r.fromColor = active;
      r.toColor = to;
      r.fromVersion = fromVersion;
      r.toVersion = desired;
      r.replicas = new EnumMap<>(in.newColorReplicas());
      r.startedAt = now;
      r.podsStartedAt = now;
      r.enter(
          RolloutPhase.Progressing,
          now,
          "Deploying "
              + desired
              + " on "
              + to
              + " next to "
              + fromVersion
              + " on "
              + active
              + "; waiting for its pods to be Ready");
      transition(
          RolloutPhase.Progressing,
          "RolloutStarted",
          "Revision " + revision + ": " + r.message,
          false);
    }

    private void fastRollback(String desired, Color previous) {
      long revision = r.revision + 1;
      String fromVersion = activeVersion;
      Color from = active;
      r = new RolloutDraft();
      r.revision = revision;
      r.fromColor = from;
      r.toColor = previous;
      r.fromVersion = fromVersion;
      r.toVersion = desired;
      r.replicas = new EnumMap<>(in.newColorReplicas());
      r.startedAt = now;
      r.promotedAt = now;
      r.scaleDownAt = now.plus(s.scaleDownDelay());
      active = previous;
      activeVersion = desired;
      r.enter(
          RolloutPhase.Completed,
          now,
          "Fast rollback: "
              + previous
              + " still ran "
              + desired
              + ", so the active Services switched to it at once");
      record(RolloutOutcome.Promoted, r.message);
      transition(RolloutPhase.Completed, "FastRollback", r.message, false);
    }

    /**
     * Aborts what is in flight, or rolls back a promotion still in its window. Either way the
     * annotation has done its job: the reconciler removes it once this step's status is written
     * (and retries until it is gone).
     */
    private void abortRequested() {
      if (r.previewUnderTest()) {
        abort("aborted by the annotation trading.alphintra.io/abort");
      } else if (r.phase == RolloutPhase.Promoted
          && !rollBack("aborted by the annotation trading.alphintra.io/abort")) {
        return; // kept until the previous color can take the traffic back
      }
      abortHandled = true;
    }

    private void advance() {
      ColorObservation next = observed(r.toColor);
      switch (r.phase) {
        case Progressing -> {
          if (next.crashLooping()) {
            abort("pods of " + r.toColor + " crash-loop or cannot pull their image");
          } else if (next.allReady() && next.scaledTo(r.replicas)) {
            r.enter(
                RolloutPhase.Stabilizing,
                now,
                "All "
                    + next.desired()
                    + " new pods are Ready; stabilizing for "
                    + s.stabilization().toSeconds()
                    + "s");
            r.stableSince = now;
            r.restartBaseline = next.restarts();
            transition(RolloutPhase.Stabilizing, "NewColorReady", r.message, false);
            advance();
          } else if (!now.isBefore(podsStartedAt().plus(s.progressDeadline()))) {
            abort(
                "pods of "
                    + r.toColor
                    + " were not Ready within progressDeadlineSeconds="
                    + s.progressDeadline().toSeconds()
                    + " of being started ("
                    + next.readiness()
                    + ")");
          }
        }
        case Stabilizing -> {
          if (unstable(next)) {
            return;
          }
          if (!now.isBefore(r.stableSince.plus(s.stabilization()))) {
            r.enter(
                RolloutPhase.Checking,
                now,
                "Stable; checking " + s.checkPath() + " through the preview Services");
            transition(RolloutPhase.Checking, "PrePromotionChecks", r.message, false);
          }
        }
        case Checking -> {
          if (unstable(next) || in.check() == null) {
            return;
          }
          if (count(in.check()) && r.failures >= s.preFailureThreshold()) {
            abort(
                "pre-promotion check failed "
                    + r.failures
                    + " times in a row: "
                    + in.check().detail());
          } else if (r.successes >= s.successThreshold()) {
            if (s.autoPromotion()) {
              if (canTakeTraffic(r.toColor)) {
                promote("checks passed " + r.successes + " times in a row");
              } else {
                r.message =
                    "Checks passed; scaling "
                        + r.toColor
                        + " to "
                        + r.replicas
                        + " pods (the live color's current count) before promotion";
              }
            } else {
              r.enter(
                  RolloutPhase.Paused,
                  now,
                  "Checks passed; waiting for manual promotion: kubectl annotate te/"
                      + in.environment()
                      + " trading.alphintra.io/promote="
                      + r.revision);
              transition(RolloutPhase.Paused, "AwaitingPromotion", r.message, false);
            }
          }
        }
        case Paused -> {
          // Promotion goes only onto pods that are Ready now and have not restarted since they were
          // checked.
          if (unstable(next)) {
            return;
          }
          if (String.valueOf(r.revision).equals(in.promoteAnnotation())) {
            if (canTakeTraffic(r.toColor)) {
              promote("promoted by the annotation trading.alphintra.io/promote=" + r.revision);
            } else {
              r.message =
                  "Promotion of revision "
                      + r.revision
                      + " waits until "
                      + r.toColor
                      + " runs "
                      + r.replicas
                      + " Ready pods (the live color's current count)";
            }
          }
        }
        case Promoted -> {
          if (in.activeSelects() != r.toColor) {
            // The switch written with the promotion has not taken effect yet (the operator stopped
            // between writing the status and switching the Services, or its cache trails the
            // switch): a check now would reach the old color. The window starts once the active
            // Services select the new one.
            r.promotedAt = now;
            r.lastCheckAt = now;
            r.message =
                "Switching the active Services to "
                    + r.toColor
                    + " ("
                    + r.toVersion
                    + "); the "
                    + s.postWindow().toSeconds()
                    + "s post-promotion window starts once they select it";
            return;
          }
          boolean failed = in.check() != null && count(in.check());
          if (r.failures >= s.postFailureThreshold()) {
            String detail = failed ? in.check().detail() : "the last check failed";
            if (s.autoRollback()) {
              // A rollback waiting for the previous color's pods keeps the window open until it can
              // switch.
              rollBack("post-promotion check failed " + r.failures + " times in a row: " + detail);
              return;
            }
            if (failed) {
              r.message =
                  "Post-promotion checks are failing (" + detail + ") and autoRollback is off";
            }
          }
          if (!now.isBefore(r.promotedAt.plus(s.postWindow()))) {
            complete();
          }
        }
        default -> {}
      }
    }

    /**
     * During stabilization and checks: a restart aborts, an unready pod sends the rollout back to
     * Progressing.
     */
    private boolean unstable(ColorObservation next) {
      if (next.crashLooping()
          || next.restarts() > (r.restartBaseline == null ? 0 : r.restartBaseline)) {
        abort("containers of " + r.toColor + " restarted during " + r.phase.name().toLowerCase());
        return true;
      }
      if (!next.allReady()) {
        r.enter(
            RolloutPhase.Progressing,
            now,
            "A new pod became unready; waiting for all pods of "
                + r.toColor
                + " to be Ready again");
        r.stableSince = null;
        transition(RolloutPhase.Progressing, "NewColorUnready", r.message, true);
        return true;
      }
      return false;
    }

    /** Counts a check; returns true when it failed. */
    private boolean count(CheckResult check) {
      r.lastCheckAt = now;
      if (check.success()) {
        r.successes++;
        r.failures = 0;
        return false;
      }
      r.failures++;
      r.successes = 0;
      return true;
    }

    private void promote(String why) {
      active = r.toColor;
      activeVersion = r.toVersion;
      r.enter(
          RolloutPhase.Promoted,
          now,
          "Active Services switched to "
              + r.toColor
              + " ("
              + r.toVersion
              + "): "
              + why
              + "; watching for "
              + s.postWindow().toSeconds()
              + "s");
      r.promotedAt = now;
      r.lastCheckAt = now;
      transition(RolloutPhase.Promoted, "Promoted", r.message, false);
      if (s.postWindow().isZero()) {
        complete();
      }
    }

    private void complete() {
      r.scaleDownAt = now.plus(s.scaleDownDelay());
      r.enter(
          RolloutPhase.Completed,
          now,
          "Revision "
              + r.revision
              + " ("
              + r.toVersion
              + ") is live; "
              + r.fromColor
              + " scales down at "
              + r.scaleDownAt);
      record(RolloutOutcome.Promoted, "Post-promotion window passed");
      transition(RolloutPhase.Completed, "RolloutCompleted", r.message, false);
    }

    private void abort(String cause) {
      r.enter(
          RolloutPhase.Aborted,
          now,
          "Rollout of "
              + r.toVersion
              + " aborted: "
              + cause
              + ". "
              + active
              + " keeps serving "
              + activeVersion
              + ". To recover, set spec.version back to "
              + activeVersion
              + " or fix the release and set a new version");
      record(RolloutOutcome.Aborted, cause);
      transition(RolloutPhase.Aborted, "RolloutAborted", r.message, true);
    }

    /**
     * Switches back to the previous color; returns false (and only says why) while its pods cannot
     * serve.
     */
    private boolean rollBack(String cause) {
      if (!canTakeTraffic(r.fromColor)) {
        // Switching now would send traffic to pods that cannot take it; the previous color is kept
        // scaled up during
        // the window, so wait for it rather than trade a bad release for an outage.
        ColorObservation previous = observed(r.fromColor);
        r.message =
            "Rolling back to "
                + r.fromColor
                + " ("
                + r.fromVersion
                + ") once it runs "
                + r.replicas
                + " Ready pods ("
                + previous.readiness()
                + "): "
                + cause;
        return false;
      }
      active = r.fromColor;
      activeVersion = r.fromVersion;
      r.enter(
          RolloutPhase.RolledBack,
          now,
          "Switched back to "
              + r.fromColor
              + " ("
              + r.fromVersion
              + "): "
              + cause
              + ". To recover, set spec.version back to "
              + r.fromVersion
              + " or fix the release and set a new version");
      record(RolloutOutcome.RolledBack, cause);
      transition(RolloutPhase.RolledBack, "RolledBack", r.message, true);
      return true;
    }

    /**
     * Whether {@code color} can take the live traffic now: its Deployments ask for at least the
     * live color's current count of each service (an autoscaler may have raised it since the
     * rollout began; the counts are raised here and applied by this step), all its pods are Ready
     * and none crash-loops.
     */
    private boolean canTakeTraffic(Color color) {
      in.liveReplicas().forEach((service, live) -> r.replicas.merge(service, live, Math::max));
      ColorObservation o = observed(color);
      return o.scaledTo(r.replicas) && o.allReady() && !o.crashLooping();
    }

    private void record(RolloutOutcome outcome, String reason) {
      history.add(
          0,
          new RolloutRecord(
              r.revision,
              r.toVersion,
              outcome,
              reason,
              r.startedAt == null ? null : r.startedAt.toString(),
              now.toString()));
      while (history.size() > HISTORY_LIMIT) {
        history.remove(history.size() - 1);
      }
    }

    private void transition(RolloutPhase phase, String reason, String message, boolean warning) {
      transitions.add(new RolloutTransition(phase, reason, message, warning));
    }

    private ColorObservation observed(Color color) {
      return in.observed().getOrDefault(color, ColorObservation.absent(color));
    }

    private RolloutDecision decision() {
      boolean underTest = r.previewUnderTest();
      // Services with an autoscaler are left out: their HPA owns the live count; the others are
      // frozen mid-rollout.
      Map<PlatformService, Integer> live = new EnumMap<>(PlatformService.class);
      in.planReplicas()
          .forEach(
              (service, plan) ->
                  live.put(
                      service,
                      underTest || r.phase == RolloutPhase.Promoted
                          ? r.replicas.getOrDefault(service, plan)
                          : plan));
      Map<PlatformService, Integer> none = Stack.everyService(0);
      List<Stack> stacks = new ArrayList<>();
      stacks.add(new Stack(active, activeVersion, live, true));
      Color other = active.other();
      switch (r.phase) {
        case Progressing, Stabilizing, Checking, Paused ->
            stacks.add(new Stack(r.toColor, r.toVersion, newColorStack, false));
        case Promoted -> stacks.add(new Stack(other, r.fromVersion, r.replicas, false));
        case Completed -> {
          if (r.fromVersion != null && r.fromColor == other) {
            boolean keep = r.scaleDownAt != null && now.isBefore(r.scaleDownAt);
            stacks.add(new Stack(other, r.fromVersion, keep ? r.replicas : none, false));
          }
        }
        case Aborted, RolledBack ->
            stacks.add(
                new Stack(other, r.toColor == other ? r.toVersion : r.fromVersion, none, false));
        default -> {}
      }
      Duration requeue =
          switch (r.phase) {
            case Progressing -> Duration.ofSeconds(5);
            case Stabilizing ->
                min(
                    Duration.between(now, r.stableSince.plus(s.stabilization())),
                    Duration.ofSeconds(5));
            case Checking -> untilNextCheck(s.checkInterval());
            case Paused -> Duration.ofSeconds(60);
            case Promoted ->
                min(
                    untilNextCheck(s.postInterval()),
                    Duration.between(now, r.promotedAt.plus(s.postWindow())));
            case Completed ->
                r.scaleDownAt != null && now.isBefore(r.scaleDownAt)
                    ? Duration.between(now, r.scaleDownAt)
                    : null;
            default -> null;
          };
      return new RolloutDecision(
          active,
          activeVersion,
          underTest ? r.toVersion : null,
          underTest ? r.toColor : active,
          r.build(),
          List.copyOf(history),
          stacks,
          transitions,
          requeue,
          abortHandled);
    }

    /**
     * Checks keep their own schedule: the next one is due an interval after the last, not after
     * this step.
     */
    private Duration untilNextCheck(Duration interval) {
      if (r.lastCheckAt == null) {
        return Duration.ZERO;
      }
      Duration left = Duration.between(now, r.lastCheckAt.plus(interval));
      return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration min(Duration a, Duration b) {
      Duration positive = a.isNegative() ? Duration.ZERO : a;
      return positive.compareTo(b) < 0 ? positive : b;
    }
  }
}
