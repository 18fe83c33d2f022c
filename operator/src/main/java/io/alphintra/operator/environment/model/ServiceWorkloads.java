package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.operator.common.EnvVars;
import io.alphintra.operator.common.Hashes;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.alphintra.operator.common.PodAnnotations;
import io.alphintra.operator.common.RestrictedPods;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ServiceAccount, ConfigMap, Deployments and Services of one platform service. */
public final class ServiceWorkloads {
  /** The PostgreSQL schema of trading-api's tables in the environment's database. */
  public static final String TRADING_API_SCHEMA = "trading";

  private ServiceWorkloads() {}

  public static ServiceAccount serviceAccount(EnvironmentInputs in, PlatformService service) {
    return new ServiceAccountBuilder()
        .withMetadata(
            Owners.owned(
                in.environment(),
                EnvironmentNames.serviceAccount(in.environment(), service),
                Labels.of(in.name(), service.component(), null)))
        .withAutomountServiceAccountToken(service.needsKubernetesApi())
        .build();
  }

  public static ConfigMap configMap(EnvironmentInputs in, PlatformService service) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ALPHINTRA_ENVIRONMENT", in.name());
    data.put("ALPHINTRA_TIER", in.plan().tier().name());
    data.put("SERVER_PORT", String.valueOf(PlatformService.HTTP_PORT));
    data.put("SERVER_SHUTDOWN", "graceful");
    data.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
    data.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp");
    data.put("ALPHINTRA_AUTH_ISSUER", AccessTokens.issuer(in));
    data.put("ALPHINTRA_AUTH_AUDIENCE", AccessTokens.AUDIENCE);
    if (service == PlatformService.TRADING_API) {
      data.put("ALPHINTRA_AUTH_URL", AccessTokens.authServiceUrl(in));
      data.put("ALPHINTRA_TRADING_JWKS_URI", AccessTokens.jwksUri(in));
      // auth-service scopes a strategy's token to its namespace, the environment's.
      data.put("ALPHINTRA_TRADING_NAMESPACE", in.namespace());
      data.put(
          TradingApiConnectors.FILE_ENV,
          TradingApiConnectors.DIR + "/" + TradingApiConnectors.FILE);
      // auth-service and trading-api share the environment's database, and both migrate it with
      // Flyway: in one schema their version-1 migrations and history tables would collide.
      // trading-api keeps its tables, and its Flyway history, in a schema of its own.
      data.put("SPRING_FLYWAY_SCHEMAS", TRADING_API_SCHEMA);
      data.put("SPRING_FLYWAY_DEFAULT_SCHEMA", TRADING_API_SCHEMA);
      data.put("SPRING_DATASOURCE_HIKARI_SCHEMA", TRADING_API_SCHEMA);
    }
    return new ConfigMapBuilder()
        .withMetadata(
            Owners.owned(
                in.environment(),
                EnvironmentNames.configMap(in.environment(), service),
                Labels.of(in.name(), service.component(), null)))
        .withData(data)
        .build();
  }

  public static Deployment deployment(
      EnvironmentInputs in, PlatformService service, Stack stack, ConfigMap config) {
    var te = in.environment();
    var plan = in.plan();
    ServicePlan sp = plan.services().get(service);
    Map<String, String> selector = podSelector(in, service, stack.color());
    Map<String, String> podLabels =
        new LinkedHashMap<>(Labels.of(in.name(), service.component(), stack.version()));
    podLabels.putAll(selector);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(PodAnnotations.CONFIG_HASH, Hashes.of(config.getData()));
    annotations.put(PodAnnotations.SECRET_HASH, secretHash(in, service));
    boolean auth = service == PlatformService.AUTH_SERVICE;
    boolean trading = service == PlatformService.TRADING_API;
    var container =
        new ContainerBuilder()
            .withName(service.component().label())
            .withImage(plan.image(service, stack.version()))
            .addNewPort()
            .withName("http")
            .withContainerPort(PlatformService.HTTP_PORT)
            .withProtocol("TCP")
            .endPort()
            .addNewEnvFrom()
            .withNewConfigMapRef()
            .withName(config.getMetadata().getName())
            .endConfigMapRef()
            .endEnvFrom()
            .withEnv(databaseEnv(in))
            .addAllToEnv(auth ? AuthServiceSecrets.env() : List.of())
            .addAllToVolumeMounts(auth ? AuthServiceSecrets.mounts() : List.of())
            .addAllToVolumeMounts(trading ? List.of(TradingApiConnectors.mount()) : List.of())
            .withResources(
                RestrictedPods.resources(
                    sp.cpuRequest(), sp.memoryRequest(), sp.cpuLimit(), sp.memoryLimit()));
    Deployment deployment =
        new DeploymentBuilder()
            .withMetadata(
                Owners.owned(
                    te,
                    EnvironmentNames.deployment(te, service, stack.color()),
                    Labels.of(in.name(), service.component(), stack.version())))
            .withNewSpec()
            // null leaves the count to the autoscaler; see initialReplicas for a new Deployment.
            .withReplicas(stack.replicasOf(service))
            .withRevisionHistoryLimit(3)
            .withProgressDeadlineSeconds(plan.progressDeadlineSeconds())
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withNewStrategy()
            .withType("RollingUpdate")
            .withNewRollingUpdate()
            .withMaxSurge(new IntOrString("25%"))
            .withMaxUnavailable(new IntOrString(0))
            .endRollingUpdate()
            .endStrategy()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(podLabels)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName(EnvironmentNames.serviceAccount(te, service))
            .withAutomountServiceAccountToken(service.needsKubernetesApi())
            .withSecurityContext(RestrictedPods.podSecurity(RestrictedPods.SERVICE_USER))
            .withTerminationGracePeriodSeconds(45L)
            .withContainers(
                RestrictedPods.springBootContainer(container, PlatformService.HTTP_PORT))
            .withVolumes(RestrictedPods.scratchVolume(RestrictedPods.TMP_VOLUME, "256Mi"))
            .addAllToVolumes(auth ? AuthServiceSecrets.volumes(in) : List.of())
            .addAllToVolumes(trading ? List.of(TradingApiConnectors.volume(in)) : List.of())
            .withTopologySpreadConstraints(
                plan.spread() ? Spreading.constraints(selector) : List.of())
            .withAffinity(plan.spread() ? Spreading.antiAffinity(selector) : null)
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    return deployment;
  }

  /**
   * The count a new Deployment without an explicit one starts with: the autoscaler's floor.
   * Afterwards the autoscaler owns the count (see {@code ChildApplier#REPLICAS_FIELD_MANAGER}).
   */
  public static int initialReplicas(EnvironmentInputs in, Deployment deployment) {
    String component = deployment.getMetadata().getLabels().get(Labels.COMPONENT);
    for (PlatformService service : PlatformService.values()) {
      if (service.component().label().equals(component)) {
        return in.plan().services().get(service).baselineReplicas();
      }
    }
    return 1;
  }

  /** The Service clients use: it selects the live color. */
  public static Service activeService(EnvironmentInputs in, PlatformService service) {
    return service(
        in,
        service,
        EnvironmentNames.activeService(in.environment(), service),
        in.liveStack().color());
  }

  /** The Service of the color under test (blue-green only). */
  public static Service previewService(EnvironmentInputs in, PlatformService service) {
    return service(
        in, service, EnvironmentNames.previewService(in.environment(), service), in.previewColor());
  }

  /** The labels a service's Deployment of one color selects; the Services select the same set. */
  public static Map<String, String> podSelector(
      EnvironmentInputs in, PlatformService service, Color color) {
    Map<String, String> selector =
        new LinkedHashMap<>(Labels.selector(in.name(), service.component()));
    if (color != null) {
      selector.put(Labels.COLOR, color.name());
    }
    return selector;
  }

  private static Service service(
      EnvironmentInputs in, PlatformService service, String name, Color color) {
    return new ServiceBuilder()
        .withMetadata(
            Owners.owned(in.environment(), name, Labels.of(in.name(), service.component(), null)))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(podSelector(in, service, color))
        .addNewPort()
        .withName("http")
        .withPort(PlatformService.HTTP_PORT)
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  /** The digest of the Secrets a service's pods read: auth-service reads its own two as well. */
  private static String secretHash(EnvironmentInputs in, PlatformService service) {
    if (service != PlatformService.AUTH_SERVICE || in.authSecretHash() == null) {
      return in.databaseSecretHash();
    }
    return Hashes.of(
        Map.of("database", String.valueOf(in.databaseSecretHash()), "auth", in.authSecretHash()));
  }

  private static List<EnvVar> databaseEnv(EnvironmentInputs in) {
    var plan = in.plan();
    String secret =
        plan.managedDatabase()
            ? EnvironmentNames.postgresSecret(in.environment())
            : plan.externalDatabase().name();
    var ref = plan.externalDatabase();
    List<EnvVar> env = new ArrayList<>();
    env.add(
        EnvVars.fromSecret(
            "SPRING_DATASOURCE_URL",
            secret,
            ref == null ? ManagedPostgres.URL_KEY : ref.urlKeyOrDefault()));
    env.add(
        EnvVars.fromSecret(
            "SPRING_DATASOURCE_USERNAME",
            secret,
            ref == null ? ManagedPostgres.USERNAME_KEY : ref.usernameKeyOrDefault()));
    env.add(
        EnvVars.fromSecret(
            "SPRING_DATASOURCE_PASSWORD",
            secret,
            ref == null ? ManagedPostgres.PASSWORD_KEY : ref.passwordKeyOrDefault()));
    return env;
  }
}
