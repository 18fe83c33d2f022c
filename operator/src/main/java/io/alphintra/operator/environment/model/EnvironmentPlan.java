package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.AutoscalingSpec;
import io.alphintra.api.v1alpha1.ComputeResources;
import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.IngressSource;
import io.alphintra.api.v1alpha1.ResourceAmounts;
import io.alphintra.api.v1alpha1.RolloutSpec;
import io.alphintra.api.v1alpha1.RolloutStrategy;
import io.alphintra.api.v1alpha1.ServiceSpec;
import io.alphintra.api.v1alpha1.ServicesSpec;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.operator.common.Images;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TradingEnvironment with every default resolved: the tier's defaults, overridden by the spec.
 *
 * @param tier the tier
 * @param version the services' image tag
 * @param imageRegistry the registry the images come from
 * @param rollout BlueGreen or RollingUpdate
 * @param progressDeadlineSeconds Deployment progress deadline
 * @param networkPolicy whether NetworkPolicies are created
 * @param allowedIngress extra sources allowed to reach trading-api
 * @param externalDatabase the Secret of an external PostgreSQL, or null when managed
 * @param managedDatabaseSize storage of the managed PostgreSQL, or null when external
 * @param spread whether pods spread over zones and hosts
 * @param minAvailable PDB minAvailable, or null
 * @param maxUnavailable PDB maxUnavailable, or null
 * @param services each service's settings
 */
public record EnvironmentPlan(
    Tier tier,
    String version,
    String imageRegistry,
    RolloutStrategy rollout,
    int progressDeadlineSeconds,
    boolean networkPolicy,
    List<IngressSource> allowedIngress,
    DatabaseSecretRef externalDatabase,
    String managedDatabaseSize,
    boolean spread,
    Integer minAvailable,
    Integer maxUnavailable,
    Map<PlatformService, ServicePlan> services) {

  static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  /** Resolves a TradingEnvironment; {@code defaultRegistry} applies when the spec sets none. */
  public static EnvironmentPlan of(TradingEnvironment te, String defaultRegistry) {
    TradingEnvironmentSpec spec = te.getSpec();
    TierDefaults tier = TierDefaults.of(spec.tier());
    Optional<RolloutSpec> rollout = Optional.ofNullable(spec.rollout());
    var database = Optional.ofNullable(spec.database());
    DatabaseSecretRef external = database.map(d -> d.secretRef()).orElse(null);
    String managedSize =
        external != null
            ? null
            : database.map(d -> d.managed()).map(m -> m.storageSizeOrDefault()).orElse("1Gi");
    Map<PlatformService, ServicePlan> services = new EnumMap<>(PlatformService.class);
    ServicesSpec overrides = spec.services();
    services.put(
        PlatformService.AUTH_SERVICE,
        service(
            PlatformService.AUTH_SERVICE,
            tier,
            overrides == null ? null : overrides.authService()));
    services.put(
        PlatformService.TRADING_API,
        service(
            PlatformService.TRADING_API, tier, overrides == null ? null : overrides.tradingApi()));
    var networkPolicy = Optional.ofNullable(spec.networkPolicy());
    return new EnvironmentPlan(
        spec.tier(),
        spec.version(),
        Images.registry(te, defaultRegistry),
        rollout.map(RolloutSpec::strategy).orElse(tier.rollout()),
        rollout.map(RolloutSpec::progressDeadlineSeconds).orElse(DEFAULT_PROGRESS_DEADLINE_SECONDS),
        networkPolicy.map(n -> n.enabled()).orElse(tier.networkPolicy()),
        networkPolicy.map(n -> n.allowedIngress()).orElse(List.of()),
        external,
        managedSize,
        tier.spread(),
        tier.minAvailable(),
        tier.maxUnavailable(),
        services);
  }

  /** Whether the environment runs its own PostgreSQL. */
  public boolean managedDatabase() {
    return externalDatabase == null;
  }

  /** Whether version changes go through blue-green rollouts. */
  public boolean blueGreen() {
    return rollout == RolloutStrategy.BlueGreen;
  }

  /** The image of a service at a version. */
  public String image(PlatformService service, String atVersion) {
    return Images.image(imageRegistry, service.component(), atVersion);
  }

  private static ServicePlan service(PlatformService service, TierDefaults tier, ServiceSpec spec) {
    Optional<ServiceSpec> s = Optional.ofNullable(spec);
    Optional<AutoscalingSpec> hpa = s.map(ServiceSpec::autoscaling);
    Optional<ComputeResources> res = s.map(ServiceSpec::resources);
    Optional<ResourceAmounts> requests = res.map(ComputeResources::requests);
    Optional<ResourceAmounts> limits = res.map(ComputeResources::limits);
    int min = hpa.map(AutoscalingSpec::minReplicas).orElse(tier.minReplicas());
    int max = hpa.map(AutoscalingSpec::maxReplicas).orElse(Math.max(tier.maxReplicas(), min));
    return new ServicePlan(
        service,
        s.map(ServiceSpec::replicas).orElse(tier.replicas()),
        hpa.map(AutoscalingSpec::enabled).orElse(tier.autoscaling()),
        min,
        Math.max(max, min),
        hpa.map(AutoscalingSpec::targetCpuUtilizationPercent).orElse(tier.cpuPercent()),
        hpa.map(AutoscalingSpec::targetMemoryUtilizationPercent).orElse(tier.memoryPercent()),
        hpa.map(AutoscalingSpec::requestsPerSecondPerPod).orElse(tier.requestsPerSecondPerPod()),
        requests.map(ResourceAmounts::cpu).orElse(tier.cpuRequest()),
        requests.map(ResourceAmounts::memory).orElse(tier.memoryRequest()),
        limits.map(ResourceAmounts::cpu).orElse(tier.cpuLimit()),
        limits.map(ResourceAmounts::memory).orElse(tier.memoryLimit()));
  }
}
