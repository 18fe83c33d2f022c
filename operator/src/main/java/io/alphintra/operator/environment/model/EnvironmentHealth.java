package io.alphintra.operator.environment.model;

import io.alphintra.operator.common.Problem;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.ServiceStatus;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.Conditions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns what the cluster shows (Deployments, the database, problems found) into the environment's status. */
public final class EnvironmentHealth {
  /** Reason: another TradingEnvironment already runs the namespace. */
  public static final String DUPLICATE_ENVIRONMENT = "DuplicateEnvironment";
  /** Reason: the external database Secret is missing or lacks a key. */
  public static final String DATABASE_SECRET_MISSING = "DatabaseSecretMissing";
  /** Condition type set when a request-rate autoscaling target had to be left out. */
  public static final String REQUEST_RATE_AUTOSCALING = "RequestRateAutoscaling";

  private EnvironmentHealth() {}

  /**
   * The next status.
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
    List<Condition> before = previous == null ? List.of() : previous.conditions();
    Conditions conditions = new Conditions(before, generation, now);
    boolean paused = te.getSpec().pausedOrDefault();

    List<ServiceStatus> services = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (PlatformService service : PlatformService.values()) {
      Deployment d = live.get(service);
      if (d == null) {
        waiting.add(service.component() + " Deployment not created yet");
        services.add(new ServiceStatus(service.component(), in.liveStack().version(), in.liveStack().color(), null, 0));
        continue;
      }
      int desired = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
      int ready = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getReadyReplicas()).orElse(0);
      int updated = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getUpdatedReplicas()).orElse(0);
      int existing = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getReplicas()).orElse(0);
      long observed = d.getStatus() == null ? 0 : Optional.ofNullable(d.getStatus().getObservedGeneration()).orElse(0L);
      services.add(new ServiceStatus(service.component(), in.liveStack().version(), in.liveStack().color(), desired, ready));
      deploymentFailure(d).ifPresent(failures::add);
      // Pods of an older template still around mean a rolling update is in flight, whatever readyReplicas says.
      if (observed < Optional.ofNullable(d.getMetadata().getGeneration()).orElse(0L) || updated < desired
          || ready < desired || existing > updated) {
        waiting.add(service.component() + " has " + ready + "/" + desired + " pods ready");
      }
    }
    if (in.plan().managedDatabase()) {
      int ready = database == null || database.getStatus() == null
          ? 0 : Optional.ofNullable(database.getStatus().getReadyReplicas()).orElse(0);
      if (ready < 1) {
        waiting.add("the managed PostgreSQL is not ready");
      }
    }

    boolean degraded = problem != null || !failures.isEmpty() || rollout.failed();
    boolean ready = problem == null && failures.isEmpty() && waiting.isEmpty();
    String degradedMessage = problem != null ? problem.message()
        : !failures.isEmpty() ? String.join("; ", failures)
        : rollout.failed() ? rollout.rollout().message() : "";
    String degradedReason = problem != null ? problem.reason()
        : !failures.isEmpty() ? "DeploymentFailed"
        : rollout.failed() ? (rollout.phase() == RolloutPhase.Aborted ? "RolloutAborted" : "RolledBack")
        : "AsExpected";

    boolean blocked = problem != null || !failures.isEmpty();
    conditions.set(Condition.READY, ready,
        ready ? "AllServicesReady" : blocked ? degradedReason : "ServicesNotReady",
        ready ? "All services have their desired pods ready at version " + in.liveStack().version()
            : blocked ? degradedMessage : String.join("; ", waiting));
    conditions.set(Condition.DEGRADED, degraded, degradedReason,
        degraded ? degradedMessage : "No failures observed");
    boolean progressing = rollout.inFlight() || (!ready && !degraded);
    conditions.set(Condition.PROGRESSING, progressing,
        rollout.inFlight() ? "RolloutInProgress" : progressing ? "ServicesStarting" : "Idle",
        rollout.inFlight() ? rollout.rollout().message() : progressing ? String.join("; ", waiting) : "Nothing to roll out");
    boolean awaitingPromotion = rollout.phase() == RolloutPhase.Paused;
    if (paused) {
      conditions.set(Condition.PAUSED, true, "SpecPaused",
          "spec.paused is true: children are left as they are; set it to false to resume");
    } else if (awaitingPromotion) {
      conditions.set(Condition.PAUSED, true, "AwaitingPromotion", rollout.rollout().message());
    }
    List<String> noRequestRate = new ArrayList<>();
    for (PlatformService service : PlatformService.values()) {
      if (Scaling.requestRateUnavailable(in, service)) {
        noRequestRate.add(service.component());
      }
    }
    if (!noRequestRate.isEmpty()) {
      conditions.set(REQUEST_RATE_AUTOSCALING, false, "CustomMetricsApiUnavailable",
          "The requests-per-second target of " + String.join(", ", noRequestRate) + " is omitted from its autoscaler "
              + "because the cluster does not serve custom.metrics.k8s.io; install a metrics adapter "
              + "(e.g. prometheus-adapter) to autoscale on request rate");
    }

    EnvironmentPhase phase = paused || awaitingPromotion ? EnvironmentPhase.Paused
        : degraded ? EnvironmentPhase.Degraded
        : rollout.inFlight() ? EnvironmentPhase.Progressing
        : ready ? EnvironmentPhase.Ready
        : live.isEmpty() ? EnvironmentPhase.Pending
        : EnvironmentPhase.Progressing;
    return new TradingEnvironmentStatus(
        generation,
        phase,
        conditions.build(),
        rollout.activeColor(),
        rollout.activeVersion(),
        rollout.previewVersion(),
        services,
        rollout.rollout(),
        rollout.history());
  }

  /** Why a Deployment failed, from its own conditions: a passed progress deadline or a replica failure. */
  static Optional<String> deploymentFailure(Deployment d) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (DeploymentCondition c : d.getStatus().getConditions()) {
      if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus())
          || "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
        return Optional.of("Deployment " + d.getMetadata().getName() + ": " + c.getReason() + ": " + c.getMessage());
      }
    }
    return Optional.empty();
  }
}
