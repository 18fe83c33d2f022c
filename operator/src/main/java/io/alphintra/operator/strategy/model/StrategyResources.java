package io.alphintra.operator.strategy.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alphintra.api.v1alpha1.ComputeResources;
import io.alphintra.api.v1alpha1.ResourceAmounts;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.ConnectorAddress;
import io.alphintra.operator.common.EnvVars;
import io.alphintra.operator.common.Hashes;
import io.alphintra.operator.common.Images;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.alphintra.operator.common.RestrictedPods;
import io.alphintra.operator.common.ServiceAccountTokens;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The children of a Strategy: the engine's ServiceAccount, its strategy.json ConfigMap, its
 * Deployment (one pod, Recreate), the Service the operator reaches /status through, and its
 * NetworkPolicy. The Deployment's pod template carries the configuration revision, a hash of the
 * whole template and the instance number: a change of either of the first two needs a drain first.
 */
public final class StrategyResources {
  public static final int HTTP_PORT = 8080;

  /** The image the engine ships as (Jib image name of trading-services/strategy-engine). */
  public static final String IMAGE = "strategy-engine";

  /** Label naming the Strategy a pod belongs to. */
  public static final String STRATEGY_LABEL = "trading.alphintra.io/strategy";

  /** The recommended component label, which the strategy-engine contract names for its pods. */
  public static final String APP_COMPONENT = "app.kubernetes.io/component";

  public static final String REVISION_ANNOTATION = "trading.alphintra.io/strategy-revision";
  public static final String TEMPLATE_HASH_ANNOTATION = "trading.alphintra.io/template-hash";
  public static final String INSTANCE_ANNOTATION = "trading.alphintra.io/strategy-instance";

  static final String TOKEN_DIRECTORY = "/var/run/secrets/alphintra";
  private static final String CONFIG_VOLUME = "config";
  private static final String TOKEN_VOLUME = "alphintra-token";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private StrategyResources() {}

  /** Everything a running (or scaled-down) strategy owns. */
  public static List<HasMetadata> desired(StrategyInputs in, long instance, int replicas) {
    return List.of(
        serviceAccount(in),
        configMap(in),
        deployment(in, instance, replicas),
        service(in),
        StrategyNetworkPolicy.of(in));
  }

  /**
   * What may change while an instance drains: not its ConfigMap (a restart of the draining pod
   * would read the next configuration) and not its Deployment.
   */
  public static List<HasMetadata> whileDraining(StrategyInputs in) {
    return List.of(serviceAccount(in), service(in), StrategyNetworkPolicy.of(in));
  }

  /**
   * The hash of the pod template the Strategy wants, without its instance number: when the running
   * Deployment's differs, its instance must be drained before it is replaced.
   */
  public static String templateHash(StrategyInputs in) {
    try {
      return Hashes.of(JSON.writeValueAsString(podTemplate(in)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the pod template cannot be written", e);
    }
  }

  static Map<String, String> labels(StrategyInputs in) {
    Map<String, String> labels =
        new LinkedHashMap<>(Labels.of(in.environment(), Component.STRATEGY, in.version()));
    labels.put(Labels.INSTANCE, in.name());
    labels.put(APP_COMPONENT, Component.STRATEGY.label());
    labels.put(STRATEGY_LABEL, in.name());
    return labels;
  }

  static Map<String, String> selector(StrategyInputs in) {
    return Map.of(Labels.NAME, Component.STRATEGY.label(), Labels.INSTANCE, in.name());
  }

  private static HasMetadata serviceAccount(StrategyInputs in) {
    // No token of the API server's audience is mounted: the pod gets only the projected alphintra
    // token.
    return new ServiceAccountBuilder()
        .withMetadata(Owners.owned(in.strategy(), StrategyNames.engine(in.strategy()), labels(in)))
        .withAutomountServiceAccountToken(false)
        .build();
  }

  private static HasMetadata configMap(StrategyInputs in) {
    return new ConfigMapBuilder()
        .withMetadata(Owners.owned(in.strategy(), StrategyNames.config(in.strategy()), labels(in)))
        .withData(Map.of(StrategyConfig.FILE, StrategyConfig.json(in.strategy())))
        .build();
  }

  /** The engine's Deployment running instance {@code instance} with {@code replicas} (0 or 1). */
  public static Deployment deployment(StrategyInputs in, long instance, int replicas) {
    PodTemplateSpec template = podTemplate(in);
    Map<String, String> annotations = new LinkedHashMap<>(template.getMetadata().getAnnotations());
    annotations.put(TEMPLATE_HASH_ANNOTATION, templateHash(in));
    annotations.put(INSTANCE_ANNOTATION, String.valueOf(instance));
    template.getMetadata().setAnnotations(annotations);
    return new DeploymentBuilder()
        .withMetadata(Owners.owned(in.strategy(), StrategyNames.engine(in.strategy()), labels(in)))
        .withNewSpec()
        .withReplicas(replicas)
        .withRevisionHistoryLimit(3)
        // One pod at a time: Recreate stops the old pod before the new one starts.
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withNewSelector()
        .withMatchLabels(selector(in))
        .endSelector()
        .withTemplate(template)
        .endSpec()
        .build();
  }

  private static PodTemplateSpec podTemplate(StrategyInputs in) {
    String config = StrategyConfig.DIRECTORY + "/" + StrategyConfig.FILE;
    var container =
        new ContainerBuilder()
            .withName(Component.STRATEGY.label())
            .withImage(Images.image(in.imageRegistry(), IMAGE, in.version()))
            .addNewPort()
            .withName("http")
            .withContainerPort(HTTP_PORT)
            .withProtocol("TCP")
            .endPort()
            .withEnv(
                EnvVars.plain("ALPHINTRA_STRATEGY_CONFIG", config),
                EnvVars.plain(
                    "ALPHINTRA_CONNECTOR_URL", ConnectorAddress.baseUrl(in.brokerConnection())),
                EnvVars.plain("ALPHINTRA_TRADING_API_URL", serviceUrl(in, Component.TRADING_API)),
                EnvVars.plain("ALPHINTRA_AUTH_URL", serviceUrl(in, Component.AUTH_SERVICE)),
                EnvVars.plain("ALPHINTRA_SERVICE_ACCOUNT_TOKEN", TOKEN_DIRECTORY + "/token"),
                EnvVars.plain("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"))
            .withResources(resources(in.strategy().getSpec().resources()))
            .addToVolumeMounts(
                new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
                    .withName(CONFIG_VOLUME)
                    .withMountPath(StrategyConfig.DIRECTORY)
                    .withReadOnly(true)
                    .build(),
                new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
                    .withName(TOKEN_VOLUME)
                    .withMountPath(TOKEN_DIRECTORY)
                    .withReadOnly(true)
                    .build());
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels(in))
        .withAnnotations(Map.of(REVISION_ANNOTATION, StrategyConfig.revision(in.strategy())))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(StrategyNames.engine(in.strategy()))
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(RestrictedPods.podSecurity(RestrictedPods.SERVICE_USER))
        // Long enough for a graceful shutdown to cancel open orders when a drain timed out.
        .withTerminationGracePeriodSeconds(30L)
        .withContainers(RestrictedPods.springBootContainer(container, HTTP_PORT))
        .withVolumes(
            RestrictedPods.scratchVolume(RestrictedPods.TMP_VOLUME, "128Mi"),
            new VolumeBuilder()
                .withName(CONFIG_VOLUME)
                .withNewConfigMap()
                .withName(StrategyNames.config(in.strategy()))
                .endConfigMap()
                .build(),
            new VolumeBuilder()
                .withName(TOKEN_VOLUME)
                .withNewProjected()
                .addNewSource()
                .withNewServiceAccountToken()
                .withAudience(ServiceAccountTokens.AUDIENCE)
                .withExpirationSeconds(3600L)
                .withPath("token")
                .endServiceAccountToken()
                .endSource()
                .endProjected()
                .build())
        .endSpec()
        .build();
  }

  /** A bundled service of the strategy's environment, through its active Service. */
  private static String serviceUrl(StrategyInputs in, Component component) {
    return "http://" + in.environment() + "-" + component.label() + ":" + HTTP_PORT;
  }

  /** spec.resources over the engine's defaults, value by value. */
  static ResourceRequirements resources(ComputeResources spec) {
    Optional<ResourceAmounts> requests = Optional.ofNullable(spec).map(ComputeResources::requests);
    Optional<ResourceAmounts> limits = Optional.ofNullable(spec).map(ComputeResources::limits);
    return RestrictedPods.resources(
        requests.map(ResourceAmounts::cpu).orElse("100m"),
        requests.map(ResourceAmounts::memory).orElse("256Mi"),
        limits.map(ResourceAmounts::cpu).orElse("1"),
        limits.map(ResourceAmounts::memory).orElse("512Mi"));
  }

  private static HasMetadata service(StrategyInputs in) {
    return new ServiceBuilder()
        .withMetadata(Owners.owned(in.strategy(), StrategyNames.engine(in.strategy()), labels(in)))
        .withNewSpec()
        .withSelector(selector(in))
        .addNewPort()
        .withName("http")
        .withPort(HTTP_PORT)
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
