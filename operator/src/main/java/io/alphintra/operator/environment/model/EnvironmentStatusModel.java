package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.ServiceStatus;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.Problem;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what the cluster shows (Deployments, the database, problems found) into the environment's
 * status.
 */
public final class EnvironmentStatusModel {
  /** Reason: another TradingEnvironment already runs the namespace. */
  public static final String DUPLICATE_ENVIRONMENT = "DuplicateEnvironment";

  /** Reason: the external database Secret is missing or lacks a key. */
  public static final String DATABASE_SECRET_MISSING = "DatabaseSecretMissing";

  /** Condition type set when a request-rate autoscaling target had to be left out. */
  public static final String REQUEST_RATE_AUTOSCALING = "RequestRateAutoscaling";

  private EnvironmentStatusModel() {}

  /**
   * The next status: observe the services and the database, judge them into a {@link Verdict}, then
   * let each condition and the phase read the verdict.
   *
   * @param in the inputs the children were built from
   * @param previous the current status, or null
   * @param live the observed live Deployment of each service (absent when not created yet)
   * @param database the observed managed database, or null
   * @param problem a problem that blocks the environment, or null
   * @param rollout the rollout state decided for this step
   * @param now the current time, for condition transitions
   */
  public static TradingEnvironmentStatus status(
      EnvironmentInputs in,
      TradingEnvironmentStatus previous,
      Map<PlatformService, Deployment> live,
      StatefulSet database,
      Problem problem,
      RolloutView rollout,
      Instant now) {
    var te = in.environment();
    long generation = Optional.ofNullable(te.getMetadata().getGeneration()).orElse(0L);
    Conditions conditions =
        new Conditions(previous == null ? List.of() : previous.conditions(), generation, now);
    Services services = services(in, live, database);
    Verdict verdict = new Verdict(problem, services.failures(), services.waiting(), rollout);
    boolean paused = te.getSpec().pausedOrDefault();
    ready(conditions, verdict, in.liveStack().version());
    degraded(conditions, verdict);
    progressing(conditions, verdict);
    paused(conditions, verdict, paused);
    requestRate(conditions, in);
    return new TradingEnvironmentStatus(
        generation,
        verdict.phase(paused, live.isEmpty()),
        conditions.build(),
        rollout.activeColor(),
        rollout.activeVersion(),
        rollout.previewVersion(),
        services.statuses(),
        rollout.rollout(),
        rollout.history());
  }

  /**
   * What the services and the database show.
   *
   * @param statuses each service's desired and ready pods
   * @param waiting what is not ready yet, one phrase each
   * @param failures Deployments that failed, one phrase each
   */
  private record Services(
      List<ServiceStatus> statuses, List<String> waiting, List<String> failures) {}

  private static Services services(
      EnvironmentInputs in, Map<PlatformService, Deployment> live, StatefulSet database) {
    List<ServiceStatus> statuses = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (PlatformService service : PlatformService.values()) {
      Deployment d = live.get(service);
      if (d == null) {
        waiting.add(service.component().label() + " Deployment not created yet");
        statuses.add(
            new ServiceStatus(
                service.component().label(),
                in.liveStack().version(),
                in.liveStack().color(),
                null,
                0));
        continue;
      }
      int desired = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
      int ready =
          d.getStatus() == null
              ? 0
              : Optional.ofNullable(d.getStatus().getReadyReplicas()).orElse(0);
      int updated =
          d.getStatus() == null
              ? 0
              : Optional.ofNullable(d.getStatus().getUpdatedReplicas()).orElse(0);
      int existing =
          d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getReplicas()).orElse(0);
      long observed =
          d.getStatus() == null
              ? 0
              : Optional.ofNullable(d.getStatus().getObservedGeneration()).orElse(0L);
      statuses.add(
          new ServiceStatus(
              service.component().label(),
              in.liveStack().version(),
              in.liveStack().color(),
              desired,
              ready));
      deploymentFailure(d).ifPresent(failures::add);
      // Pods of an older template still around mean a rolling update is in flight, whatever
      // readyReplicas says.
      if (observed < Optional.ofNullable(d.getMetadata().getGeneration()).orElse(0L)
          || updated < desired
          || ready < desired
          || existing > updated) {
        waiting.add(service.component().label() + " has " + ready + "/" + desired + " pods ready");
      }
    }
    if (in.plan().managedDatabase()) {
      int ready =
          database == null || database.getStatus() == null
              ? 0
              : Optional.ofNullable(database.getStatus().getReadyReplicas()).orElse(0);
      if (ready < 1) {
        waiting.add("the managed PostgreSQL is not ready");
      }
    }
    return new Services(statuses, waiting, failures);
  }

  /**
   * What the observations amount to, the one place the conditions and the phase read them from.
   *
   * @param problem what blocks the environment, or null
   * @param failures Deployments that failed
   * @param waiting what is not ready yet
   * @param rollout the rollout state decided for this step
   */
  record Verdict(
      Problem problem, List<String> failures, List<String> waiting, RolloutView rollout) {
    /** Something the user (or the cluster) must fix before the environment can become ready. */
    boolean blocked() {
      return problem != null || !failures.isEmpty();
    }

    boolean degraded() {
      return blocked() || rollout.failed();
    }

    boolean ready() {
      return !blocked() && waiting.isEmpty();
    }

    boolean progressing() {
      return rollout.inProgress() || (!ready() && !degraded());
    }

    boolean awaitingPromotion() {
      return rollout.phase() == RolloutPhase.Paused;
    }

    /**
     * The first of: the problem, the failed Deployments, the failed rollout; AsExpected when none.
     */
    String degradedReason() {
      if (problem != null) {
        return problem.reason();
      }
      if (!failures.isEmpty()) {
        return "DeploymentFailed";
      }
      if (rollout.failed()) {
        return rollout.phase() == RolloutPhase.Aborted ? "RolloutAborted" : "RolledBack";
      }
      return "AsExpected";
    }

    String degradedMessage() {
      if (problem != null) {
        return problem.message();
      }
      if (!failures.isEmpty()) {
        return String.join("; ", failures);
      }
      return rollout.failed() ? rollout.rollout().message() : "";
    }

    EnvironmentPhase phase(boolean paused, boolean nothingLive) {
      if (paused || awaitingPromotion()) {
        return EnvironmentPhase.Paused;
      }
      if (degraded()) {
        return EnvironmentPhase.Degraded;
      }
      if (rollout.inProgress()) {
        return EnvironmentPhase.Progressing;
      }
      if (ready()) {
        return EnvironmentPhase.Ready;
      }
      return nothingLive ? EnvironmentPhase.Pending : EnvironmentPhase.Progressing;
    }
  }

  private static void ready(Conditions conditions, Verdict verdict, String version) {
    if (verdict.ready()) {
      conditions.set(
          Condition.READY,
          true,
          "AllServicesReady",
          "All services have their desired pods ready at version " + version);
    } else if (verdict.blocked()) {
      conditions.set(Condition.READY, false, verdict.degradedReason(), verdict.degradedMessage());
    } else {
      conditions.set(
          Condition.READY, false, "ServicesNotReady", String.join("; ", verdict.waiting()));
    }
  }

  private static void degraded(Conditions conditions, Verdict verdict) {
    conditions.set(
        Condition.DEGRADED,
        verdict.degraded(),
        verdict.degradedReason(),
        verdict.degraded() ? verdict.degradedMessage() : "No failures observed");
  }

  private static void progressing(Conditions conditions, Verdict verdict) {
    if (verdict.rollout().inProgress()) {
      conditions.set(
          Condition.PROGRESSING, true, "RolloutInProgress", verdict.rollout().rollout().message());
    } else if (verdict.progressing()) {
      conditions.set(
          Condition.PROGRESSING, true, "ServicesStarting", String.join("; ", verdict.waiting()));
    } else {
      conditions.set(Condition.PROGRESSING, false, "Idle", "Nothing to roll out");
    }
  }

  /** Paused is set only while it holds: by the spec, or by a rollout awaiting promotion. */
  private static void paused(Conditions conditions, Verdict verdict, boolean paused) {
    if (paused) {
      conditions.set(
          Condition.PAUSED,
          true,
          "SpecPaused",
          "spec.paused is true: children are left as they are; set it to false to resume");
    } else if (verdict.awaitingPromotion()) {
      conditions.set(
          Condition.PAUSED, true, "AwaitingPromotion", verdict.rollout().rollout().message());
    }
  }

  /** Set only when a requests-per-second target had to be left out of an autoscaler. */
  private static void requestRate(Conditions conditions, EnvironmentInputs in) {
    List<String> noRequestRate = new ArrayList<>();
    for (PlatformService service : PlatformService.values()) {
      if (Scaling.requestRateUnavailable(in, service)) {
        noRequestRate.add(service.component().label());
      }
    }
    if (!noRequestRate.isEmpty()) {
      conditions.set(
          REQUEST_RATE_AUTOSCALING,
          false,
          "CustomMetricsApiUnavailable",
          "The requests-per-second target of "
              + String.join(", ", noRequestRate)
              + " is omitted from its autoscaler "
              + "because the cluster does not serve custom.metrics.k8s.io; install a metrics adapter "
              + "(e.g. prometheus-adapter) to autoscale on request rate");
    }
  }

  /**
   * Why a Deployment failed, from its own conditions: a passed progress deadline or a replica
   * failure.
   */
  static Optional<String> deploymentFailure(Deployment d) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (DeploymentCondition c : d.getStatus().getConditions()) {
      if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus())
          || "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
        return Optional.of(
            "Deployment "
                + d.getMetadata().getName()
                + ": "
                + c.getReason()
                + ": "
                + c.getMessage());
      }
    }
    return Optional.empty();
  }
}
