package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The desired state of a TradingEnvironment.
 *
 * @param tier Development, Staging or Production. Chooses the defaults for replicas, resources,
 *     autoscaling, PodDisruptionBudgets, NetworkPolicies and the rollout strategy; every override
 *     below wins over it. Leaves Development only once the environment uses an external database
 *     (spec.database.secretRef).
 * @param version Image tag of the bundled services (auth-service, trading-api), a semantic version
 *     such as 1.4.2. Changing it starts a rollout.
 * @param imageRegistry Registry and path the service images are pulled from, without a scheme, e.g.
 *     registry.example.com/alphintra. Defaults to the operator's ALPHINTRA_IMAGE_REGISTRY.
 * @param services Per-service overrides of replicas, resources and autoscaling.
 * @param database The PostgreSQL the services use: an external one through secretRef (required for
 *     Staging and Production) or an in-cluster one through managed (Development only). A
 *     Development environment without this field gets a managed database.
 * @param rollout How version changes are rolled out: BlueGreen with checks and automatic rollback,
 *     or RollingUpdate.
 * @param networkPolicy Default-deny NetworkPolicies plus the explicit allow graph between the
 *     platform's pods.
 * @param monitoring ServiceMonitor and PrometheusRule objects (created when their CRDs exist) and
 *     SLO targets.
 * @param paused When true the operator stops changing the environment's children; status is still
 *     reported.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.tier == 'Development' || (has(self.database) && has(self.database.secretRef))",
    message =
        "spec.database.secretRef is required for tier Staging and Production: point it at the Secret of an external PostgreSQL")
@ValidationRule(
    value = "self.tier == 'Development' || !has(self.database) || !has(self.database.managed)",
    message =
        "spec.database.managed is only allowed for tier Development: remove it and set spec.database.secretRef to an external PostgreSQL")
@ValidationRule(
    value = TradingEnvironmentUpdateRules.STORAGE_SIZE,
    message = TradingEnvironmentUpdateRules.STORAGE_SIZE_MESSAGE,
    fieldPath = ".database.managed.storageSize",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = TradingEnvironmentUpdateRules.TIER,
    message = TradingEnvironmentUpdateRules.TIER_MESSAGE,
    fieldPath = ".tier",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = TradingEnvironmentUpdateRules.ROLLOUT_STRATEGY,
    message = TradingEnvironmentUpdateRules.ROLLOUT_STRATEGY_MESSAGE,
    fieldPath = ".rollout.strategy",
    reason = "FieldValueForbidden")
public record TradingEnvironmentSpec(
    @Required Tier tier,
    @Required @Pattern(Patterns.VERSION) String version,
    @Pattern(Patterns.IMAGE_REGISTRY) String imageRegistry,
    ServicesSpec services,
    DatabaseSpec database,
    RolloutSpec rollout,
    NetworkPolicySpec networkPolicy,
    MonitoringSpec monitoring,
    @Default("false") Boolean paused) {

  /** Whether the user paused reconciliation of the children. */
  public boolean pausedOrDefault() {
    return Boolean.TRUE.equals(paused);
  }
}
