package io.alphintra.operator.broker.model;

import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.alphintra.api.v1alpha1.RateLimits;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.ConnectorAddress;
import io.alphintra.operator.common.EnvVars;
import io.alphintra.operator.common.Images;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.alphintra.operator.common.PodAnnotations;
import io.alphintra.operator.common.RestrictedPods;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The children of a BrokerConnection: a broker-connector (ServiceAccount, Deployment, Service,
 * egress policy) and, for a Simulator connection, a broker-simulator (Deployment, Service, ingress
 * policy).
 */
public final class BrokerResources {
  public static final int HTTP_PORT = ConnectorAddress.HTTP_PORT;

  /** Label naming the BrokerConnection a pod belongs to. */
  public static final String CONNECTION_LABEL = "trading.alphintra.io/broker-connection";

  private BrokerResources() {}

  public static List<HasMetadata> desired(BrokerInputs in) {
    List<HasMetadata> children = new ArrayList<>();
    children.add(
        new ServiceAccountBuilder()
            .withMetadata(
                Owners.owned(
                    in.connection(),
                    BrokerNames.connector(in.connection()),
                    labels(in, Component.BROKER_CONNECTOR)))
            .withAutomountServiceAccountToken(false)
            .build());
    children.add(connector(in));
    children.add(service(in, BrokerNames.connector(in.connection()), Component.BROKER_CONNECTOR));
    children.addAll(BrokerNetworkPolicies.all(in));
    if (in.simulated()) {
      BrokerInputs simulator = in.forSimulator();
      children.add(SimulatorWorkload.deployment(simulator));
      children.add(
          service(simulator, BrokerNames.simulator(in.connection()), Component.BROKER_SIMULATOR));
    }
    return children;
  }

  /**
   * Labels of one component of this connection; the environment label puts it in the environment's
   * policy graph.
   */
  static Map<String, String> labels(BrokerInputs in, Component component) {
    Map<String, String> labels =
        new LinkedHashMap<>(Labels.of(in.environment(), component, in.version()));
    labels.put(Labels.INSTANCE, in.name());
    labels.put(CONNECTION_LABEL, in.name());
    return labels;
  }

  static Map<String, String> selector(BrokerInputs in, Component component) {
    return Map.of(Labels.NAME, component.label(), Labels.INSTANCE, in.name());
  }

  private static Deployment connector(BrokerInputs in) {
    BrokerConnectionSpec spec = in.connection().getSpec();
    CredentialsSecretRef credentials = in.credentials();
    RateLimits limits = spec.rateLimits();
    List<EnvVar> env = new ArrayList<>();
    env.add(
        EnvVars.fromSecret(
            "ALPHINTRA_BROKER_API_KEY", credentials.name(), credentials.apiKeyKeyOrDefault()));
    env.add(
        EnvVars.fromSecret(
            "ALPHINTRA_BROKER_SECRET_KEY",
            credentials.name(),
            credentials.secretKeyKeyOrDefault()));
    env.add(EnvVars.plain("ALPHINTRA_BROKER_ENDPOINT", in.endpoint()));
    env.add(EnvVars.plain("ALPHINTRA_BROKER_STREAM_ENDPOINT", in.streamEndpoint()));
    env.add(
        EnvVars.plain(
            "ALPHINTRA_BROKER_SYMBOLS",
            String.join(",", spec.symbols() == null ? List.of() : spec.symbols())));
    env.add(
        EnvVars.plain(
            "ALPHINTRA_BROKER_REQUEST_WEIGHT_PER_MINUTE",
            String.valueOf(
                limits == null || limits.requestWeightPerMinute() == null
                    ? 6000
                    : limits.requestWeightPerMinute())));
    env.add(
        EnvVars.plain(
            "ALPHINTRA_BROKER_ORDERS_PER_10_SECONDS",
            String.valueOf(
                limits == null || limits.ordersPer10Seconds() == null
                    ? 100
                    : limits.ordersPer10Seconds())));
    env.add(EnvVars.plain("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"));
    var container =
        new ContainerBuilder()
            .withName(Component.BROKER_CONNECTOR.label())
            .withImage(Images.image(in.imageRegistry(), Component.BROKER_CONNECTOR, in.version()))
            .addNewPort()
            .withName("http")
            .withContainerPort(HTTP_PORT)
            .withProtocol("TCP")
            .endPort()
            .withEnv(env)
            .withResources(RestrictedPods.resources("100m", "256Mi", "1", "512Mi"));
    Deployment connector =
        deployment(
            in,
            BrokerNames.connector(in.connection()),
            Component.BROKER_CONNECTOR,
            connectorReplicas(spec),
            BrokerNames.connector(in.connection()),
            RestrictedPods.springBootContainer(container, HTTP_PORT),
            in.credentialsHash());
    // One writer per account: a rolling update would run the old and the new connector side by
    // side, and two
    // processes placing one clientOrderId could both find it absent and both send it. Recreate
    // stops the old pod
    // (its in-flight requests drain in the graceful shutdown) before the new one starts.
    return new DeploymentBuilder(connector)
        .editSpec()
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .endSpec()
        .build();
  }

  /**
   * 0 or 1: admission refuses more (spec.replicas), and a value stored before that rule existed
   * still gets one connector, never two writers.
   */
  static int connectorReplicas(BrokerConnectionSpec spec) {
    return Math.min(spec.replicasOrDefault(), 1);
  }

  static Deployment deployment(
      BrokerInputs in,
      String name,
      Component component,
      int replicas,
      String serviceAccount,
      io.fabric8.kubernetes.api.model.Container container,
      String secretHash) {
    Map<String, String> selector = selector(in, component);
    return new DeploymentBuilder()
        .withMetadata(Owners.owned(in.connection(), name, labels(in, component)))
        .withNewSpec()
        .withReplicas(replicas)
        .withRevisionHistoryLimit(3)
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels(in, component))
        .withAnnotations(Map.of(PodAnnotations.SECRET_HASH, secretHash == null ? "" : secretHash))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(serviceAccount)
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(RestrictedPods.podSecurity(RestrictedPods.SERVICE_USER))
        .withTerminationGracePeriodSeconds(30L)
        .withContainers(container)
        .withVolumes(RestrictedPods.scratchVolume(RestrictedPods.TMP_VOLUME, "128Mi"))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Service service(
      BrokerInputs in, String name, Component component) {
    return new ServiceBuilder()
        .withMetadata(Owners.owned(in.connection(), name, labels(in, component)))
        .withNewSpec()
        .withSelector(selector(in, component))
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
