package io.alphintra.operator.environment.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.AutoscalingSpec;
import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.ComputeResources;
import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.DatabaseSpec;
import io.alphintra.api.v1alpha1.IngressSource;
import io.alphintra.api.v1alpha1.NetworkPolicySpec;
import io.alphintra.api.v1alpha1.ResourceAmounts;
import io.alphintra.api.v1alpha1.ServiceSpec;
import io.alphintra.api.v1alpha1.ServicesSpec;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.PodAnnotations;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentResourcesTest {

  private static <T extends HasMetadata> List<T> of(List<HasMetadata> all, Class<T> kind) {
    return all.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private static <T extends HasMetadata> T named(
      List<HasMetadata> all, Class<T> kind, String name) {
    return of(all, kind).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    kind.getSimpleName()
                        + " "
                        + name
                        + " missing in "
                        + all.stream()
                            .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                            .toList()));
  }

  @Test
  void developmentRunsOneReplicaPerServiceWithManagedDatabaseAndNoHpaPdbOrPolicies() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Development), false));

    assertThat(named(all, Deployment.class, "desk-trading-api").getSpec().getReplicas())
        .isEqualTo(1);
    assertThat(named(all, Deployment.class, "desk-auth-service").getSpec().getReplicas())
        .isEqualTo(1);
    assertThat(of(all, HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(of(all, PodDisruptionBudget.class)).isEmpty();
    assertThat(of(all, NetworkPolicy.class)).isEmpty();
    StatefulSet postgres = named(all, StatefulSet.class, "desk-postgres");
    assertThat(
            postgres
                .getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage"))
        .isEqualTo(new Quantity("2Gi"));
    assertThat(named(all, Service.class, "desk-postgres").getSpec().getPorts().get(0).getPort())
        .isEqualTo(5432);
    assertThat(of(all, Service.class))
        .extracting(s -> s.getMetadata().getName())
        .doesNotContain("desk-trading-api-preview");
  }

  @Test
  void stagingIsBlueGreenWithHpaTwoToFiveAndMinAvailableOne() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Staging), false));

    Deployment api = named(all, Deployment.class, "desk-trading-api-blue");
    assertThat(api.getSpec().getReplicas()).as("the HPA owns the count").isNull();
    assertThat(
            ServiceWorkloads.initialReplicas(
                Environments.inputs(Environments.of(Tier.Staging), false), api))
        .as("a new Deployment starts at the autoscaler's floor")
        .isEqualTo(2);
    assertThat(api.getSpec().getSelector().getMatchLabels()).containsEntry(Labels.COLOR, "blue");
    HorizontalPodAutoscaler hpa = named(all, HorizontalPodAutoscaler.class, "desk-trading-api");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("desk-trading-api-blue");
    assertThat(
            named(all, PodDisruptionBudget.class, "desk-trading-api")
                .getSpec()
                .getMinAvailable()
                .getIntVal())
        .isEqualTo(1);
    assertThat(named(all, Service.class, "desk-trading-api").getSpec().getSelector())
        .containsEntry(Labels.COLOR, "blue");
    assertThat(named(all, Service.class, "desk-trading-api-preview").getSpec().getSelector())
        .containsEntry(Labels.COLOR, "blue");
    assertThat(of(all, StatefulSet.class)).as("staging uses an external database").isEmpty();
  }

  @Test
  void productionAutoscalesThreeToFiftyOnCpuMemoryAndRequestRateWhenCustomMetricsAreServed() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Production), true));

    HorizontalPodAutoscaler hpa = named(all, HorizontalPodAutoscaler.class, "desk-trading-api");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(50);
    assertThat(hpa.getSpec().getMetrics()).hasSize(3);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(70);
    assertThat(hpa.getSpec().getMetrics().get(1).getResource().getTarget().getAverageUtilization())
        .isEqualTo(80);
    assertThat(hpa.getSpec().getMetrics().get(2).getPods().getMetric().getName())
        .isEqualTo(Scaling.REQUEST_RATE_METRIC);
    assertThat(hpa.getSpec().getMetrics().get(2).getPods().getTarget().getAverageValue())
        .isEqualTo(new Quantity("1000"));
    assertThat(
            named(all, PodDisruptionBudget.class, "desk-trading-api")
                .getSpec()
                .getMaxUnavailable()
                .getIntVal())
        .isEqualTo(1);
  }

  @Test
  void productionOmitsTheRequestRateTargetWhenTheCustomMetricsApiIsMissing() {
    var in = Environments.inputs(Environments.of(Tier.Production), false);
    var hpa =
        named(EnvironmentResources.desired(in), HorizontalPodAutoscaler.class, "desk-trading-api");

    assertThat(hpa.getSpec().getMetrics())
        .extracting(m -> m.getType())
        .containsExactly("Resource", "Resource");
    assertThat(Scaling.requestRateUnavailable(in, PlatformService.TRADING_API)).isTrue();
  }

  @Test
  void productionSpreadsPodsOverZonesAndHosts() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Production), false));
    PodSpec pod =
        named(all, Deployment.class, "desk-trading-api-blue").getSpec().getTemplate().getSpec();

    assertThat(pod.getTopologySpreadConstraints())
        .singleElement()
        .satisfies(c -> assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
    assertThat(
            pod.getAffinity()
                .getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getPodAffinityTerm().getTopologyKey())
                    .isEqualTo("kubernetes.io/hostname"));
  }

  @Test
  void everyPodPassesTheRestrictedPodSecurityStandard() {
    for (Tier tier : Tier.values()) {
      var all = EnvironmentResources.desired(Environments.inputs(Environments.of(tier), false));
      List<PodSpec> pods =
          new java.util.ArrayList<>(
              of(all, Deployment.class).stream()
                  .map(d -> d.getSpec().getTemplate().getSpec())
                  .toList());
      of(all, StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
      assertThat(pods).isNotEmpty();
      for (PodSpec pod : pods) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType())
            .isEqualTo("RuntimeDefault");
        for (Container c : pod.getContainers()) {
          assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
          assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
          assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
          assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
          assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
          assertThat(c.getReadinessProbe()).isNotNull();
          assertThat(c.getLivenessProbe()).isNotNull();
          assertThat(c.getVolumeMounts())
              .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        }
      }
    }
  }

  @Test
  void serviceContainersProbeTheActuatorHealthGroups() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Development), false));
    Container c =
        named(all, Deployment.class, "desk-trading-api")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
    assertThat(c.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(c.getImage()).isEqualTo("registry.example.com/alphintra/trading-api:1.4.2");
    // A crashed container's last log lines stay in its status for kubectl describe.
    assertThat(c.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
  }

  @Test
  void onlyAuthServiceMountsAServiceAccountToken() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Staging), false));

    assertThat(
            named(all, ServiceAccount.class, "desk-auth-service").getAutomountServiceAccountToken())
        .isTrue();
    assertThat(
            named(all, ServiceAccount.class, "desk-trading-api").getAutomountServiceAccountToken())
        .isFalse();
    assertThat(
            named(all, Deployment.class, "desk-trading-api-blue")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getAutomountServiceAccountToken())
        .isFalse();
  }

  @Test
  void podTemplatesCarryConfigAndSecretHashesSoChangesRollThePods() {
    var te = Environments.of(Tier.Development);
    var before =
        named(
            EnvironmentResources.desired(Environments.inputs(te, false)),
            Deployment.class,
            "desk-auth-service");
    var in = Environments.inputs(te, false);
    var rotated =
        new EnvironmentInputs(
            te,
            in.plan(),
            in.stacks(),
            in.previewColor(),
            "other-hash",
            in.authSecretHash(),
            false,
            in.postgresImage(),
            in.admitted(),
            in.brokerConnections());
    var after = named(EnvironmentResources.desired(rotated), Deployment.class, "desk-auth-service");

    Map<String, String> a = before.getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(a).containsKeys(PodAnnotations.CONFIG_HASH, PodAnnotations.SECRET_HASH);
    assertThat(
            after
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(PodAnnotations.SECRET_HASH))
        .isNotEqualTo(a.get(PodAnnotations.SECRET_HASH));
  }

  @Test
  void authServiceMountsItsSigningKeyAndAdminSecretsReadOnlyAndPointsItsSettingsAtThem() {
    var te = Environments.of(Tier.Development);
    var all = EnvironmentResources.desired(Environments.inputs(te, false));
    PodSpec pod =
        named(all, Deployment.class, "desk-auth-service").getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getName() + "=" + v.getSecret().getSecretName())
        .containsExactlyInAnyOrder("signing-keys=desk-auth-signing-key", "admin=desk-auth-admin");
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .allSatisfy(v -> assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440));
    assertThat(container.getVolumeMounts())
        .filteredOn(m -> m.getMountPath().startsWith("/etc/alphintra/auth"))
        .extracting(m -> m.getName() + "@" + m.getMountPath() + ":" + m.getReadOnly())
        .containsExactlyInAnyOrder(
            "signing-keys@/etc/alphintra/auth/keys:true", "admin@/etc/alphintra/auth/admin:true");
    assertThat(container.getEnv())
        .filteredOn(e -> e.getName().startsWith("ALPHINTRA_AUTH_"))
        .extracting(e -> e.getName() + "=" + e.getValue())
        .containsExactlyInAnyOrder(
            "ALPHINTRA_AUTH_SIGNING_KEYS_DIR=/etc/alphintra/auth/keys",
            "ALPHINTRA_AUTH_ADMIN_USERNAME_FILE=/etc/alphintra/auth/admin/username",
            "ALPHINTRA_AUTH_ADMIN_PASSWORD_FILE=/etc/alphintra/auth/admin/password");
  }

  @Test
  void tradingApiGetsNeitherAuthSecret() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Development), false));
    PodSpec pod =
        named(all, Deployment.class, "desk-trading-api").getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).noneMatch(v -> v.getSecret() != null);
    assertThat(pod.getContainers().get(0).getEnv())
        .noneMatch(e -> e.getName().startsWith("ALPHINTRA_AUTH_"));
  }

  @Test
  void rotatingAnAuthSecretRollsAuthServiceOnly() {
    var te = Environments.of(Tier.Development);
    var in = Environments.inputs(te, false);
    var rotated =
        new EnvironmentInputs(
            te,
            in.plan(),
            in.stacks(),
            in.previewColor(),
            in.databaseSecretHash(),
            "rotated-auth-hash",
            false,
            in.postgresImage(),
            in.admitted(),
            in.brokerConnections());
    var before = EnvironmentResources.desired(in);
    var after = EnvironmentResources.desired(rotated);

    assertThat(secretHash(after, "desk-auth-service"))
        .isNotEqualTo(secretHash(before, "desk-auth-service"));
    assertThat(secretHash(after, "desk-trading-api"))
        .isEqualTo(secretHash(before, "desk-trading-api"));
  }

  @Test
  void generatedAuthSecretsAreOwnedLabelledAndHoldWhatAuthServiceReads() {
    var in = Environments.inputs(Environments.of(Tier.Development), false);

    var keys = AuthServiceSecrets.signingKey(in, "20261130-abc", "PEM");
    assertThat(keys.getMetadata().getName()).isEqualTo("desk-auth-signing-key");
    assertThat(keys.getStringData())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("20261130-abc.pem", "PEM", "active-kid", "20261130-abc"));
    var admin = AuthServiceSecrets.admin(in, "pw");
    assertThat(admin.getMetadata().getName()).isEqualTo("desk-auth-admin");
    assertThat(admin.getStringData())
        .containsExactlyInAnyOrderEntriesOf(Map.of("username", "admin", "password", "pw"));
    for (var secret : List.of(keys, admin)) {
      assertThat(secret.getMetadata().getLabels())
          .containsEntry(Labels.MANAGED_BY, Labels.OPERATOR);
      assertThat(secret.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(r -> assertThat(r.getUid()).isEqualTo("uid-1"));
    }
  }

  @Test
  void tokenReviewBindingBindsAuthServicesAccountToAuthDelegatorAndNamesTheEnvironment() {
    var in = Environments.inputs(Environments.of(Tier.Development), false);

    var binding = TokenReviewBinding.of(in);

    assertThat(binding.getMetadata().getName())
        .isEqualTo("alphintra-" + in.namespace() + "-desk-auth-delegator");
    assertThat(binding.getMetadata().getNamespace()).isNull();
    assertThat(binding.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(binding.getMetadata().getLabels())
        .containsEntry(Labels.ENVIRONMENT, "desk")
        .containsEntry(TokenReviewBinding.NAMESPACE_LABEL, in.namespace());
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("system:auth-delegator");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo("desk-auth-service");
              assertThat(s.getNamespace()).isEqualTo(in.namespace());
            });
  }

  private static String secretHash(List<HasMetadata> all, String deployment) {
    return named(all, Deployment.class, deployment)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(PodAnnotations.SECRET_HASH);
  }

  @Test
  void everyChildIsControlledByTheEnvironment() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Production), false));

    assertThat(all)
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(
                        r -> {
                          assertThat(r.getUid()).isEqualTo("uid-1");
                          assertThat(r.getController()).isTrue();
                          assertThat(r.getKind()).isEqualTo("TradingEnvironment");
                        }));
    assertThat(all)
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsEntry(Labels.MANAGED_BY, Labels.OPERATOR));
  }

  @Test
  void specOverridesWinOverTierDefaults() {
    var hpa = new AutoscalingSpec(true, 4, 9, 60, 75, 500);
    var resources =
        new ComputeResources(new ResourceAmounts("300m", "700Mi"), new ResourceAmounts("3", "3Gi"));
    var spec =
        new TradingEnvironmentSpec(
            Tier.Production,
            "2.0.0",
            "my.registry/x",
            new ServicesSpec(
                new ServiceSpec(null, resources, null), new ServiceSpec(null, null, hpa)),
            new DatabaseSpec(new DatabaseSecretRef("db", "jdbc", "user", "pass"), null),
            null,
            new NetworkPolicySpec(
                true,
                List.of(
                    new IngressSource(
                        Map.of("kubernetes.io/metadata.name", "ingress-nginx"), null, null))),
            null,
            null);
    var all = EnvironmentResources.desired(Environments.inputs(Environments.of(spec), true));

    var apiHpa = named(all, HorizontalPodAutoscaler.class, "desk-trading-api");
    assertThat(apiHpa.getSpec().getMinReplicas()).isEqualTo(4);
    assertThat(apiHpa.getSpec().getMaxReplicas()).isEqualTo(9);
    assertThat(apiHpa.getSpec().getMetrics().get(2).getPods().getTarget().getAverageValue())
        .isEqualTo(new Quantity("500"));
    Container auth =
        named(all, Deployment.class, "desk-auth-service-blue")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(auth.getResources().getRequests()).containsEntry("cpu", new Quantity("300m"));
    assertThat(auth.getResources().getLimits()).containsEntry("memory", new Quantity("3Gi"));
    assertThat(auth.getImage()).isEqualTo("my.registry/x/auth-service:2.0.0");
    assertThat(auth.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("SPRING_DATASOURCE_PASSWORD");
              assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db");
              assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pass");
            });
    var apiPolicy = named(all, NetworkPolicy.class, "desk-trading-api");
    assertThat(apiPolicy.getSpec().getIngress().get(0).getFrom())
        .filteredOn(peer -> peer.getNamespaceSelector() != null)
        .singleElement()
        .satisfies(
            peer ->
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
  }

  @Test
  void networkPolicyGraphDeniesByDefaultAndAllowsOnlyThePlatformEdges() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Staging), false));
    var deny = named(all, NetworkPolicy.class, "desk-default-deny");
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isEmpty();
    assertThat(deny.getSpec().getEgress()).isEmpty();
    assertThat(deny.getSpec().getPodSelector().getMatchLabels())
        .containsEntry(Labels.ENVIRONMENT, "desk");

    var dns = named(all, NetworkPolicy.class, "desk-allow-dns");
    assertThat(dns.getSpec().getEgress().get(0).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsOnly(53);

    var api = named(all, NetworkPolicy.class, "desk-trading-api");
    assertThat(api.getSpec().getPodSelector().getMatchLabels())
        .containsEntry(Labels.COMPONENT, Component.TRADING_API.label());
    assertThat(api.getSpec().getIngress().get(0).getFrom())
        .extracting(p -> p.getPodSelector().getMatchLabels().get(Labels.COMPONENT))
        .containsExactly(Component.STRATEGY.label());
    assertThat(api.getSpec().getEgress().get(0).getTo())
        .extracting(p -> p.getPodSelector().getMatchLabels().get(Labels.COMPONENT))
        .containsExactly(Component.AUTH_SERVICE.label(), Component.BROKER_CONNECTOR.label());
    assertThat(api.getSpec().getEgress().get(1).getPorts().get(0).getPort().getIntVal())
        .isEqualTo(5432);

    var auth = named(all, NetworkPolicy.class, "desk-auth-service");
    assertThat(
            auth.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
        .containsOnly(Map.entry(Labels.ENVIRONMENT, "desk"));
    var strategies = named(all, NetworkPolicy.class, "desk-strategies");
    assertThat(strategies.getSpec().getEgress().get(0).getTo())
        .extracting(p -> p.getPodSelector().getMatchLabels().get(Labels.COMPONENT))
        .containsExactly(
            Component.TRADING_API.label(),
            Component.AUTH_SERVICE.label(),
            Component.BROKER_CONNECTOR.label());
    var connectors = named(all, NetworkPolicy.class, "desk-broker-connectors");
    assertThat(connectors.getSpec().getIngress().get(0).getFrom())
        .extracting(p -> p.getPodSelector().getMatchLabels().get(Labels.COMPONENT))
        .containsExactly(Component.TRADING_API.label(), Component.STRATEGY.label());
  }

  @Test
  void connectorsFileListsTheConnectorOfEachBoundConnectionInNameOrder() {
    var te = Environments.of(Tier.Development);
    var none = EnvironmentResources.desired(Environments.inputs(te, false));
    var two =
        EnvironmentResources.desired(
            Environments.withConnections(Environments.inputs(te, false), "binance", "sim"));

    assertThat(named(none, ConfigMap.class, "desk-trading-connectors").getData())
        .containsExactly(Map.entry("connectors.properties", ""));
    ConfigMap connectors = named(two, ConfigMap.class, "desk-trading-connectors");
    assertThat(connectors.getData())
        .containsExactly(
            Map.entry(
                "connectors.properties",
                "binance=http://binance-connector:8080\nsim=http://sim-connector:8080\n"));
    assertThat(connectors.getMetadata().getLabels())
        .containsEntry(Labels.ENVIRONMENT, "desk")
        .containsEntry(Labels.COMPONENT, Component.TRADING_API.label())
        .containsEntry(Labels.MANAGED_BY, Labels.OPERATOR);
    assertThat(connectors.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo("uid-1"));
  }

  @Test
  void bothColorsMountTheOneConnectorsConfigMapAsADirectoryTheFileSettingPointsInto() {
    var in = rollingOut(Environments.inputs(Environments.of(Tier.Staging), false));
    var all = EnvironmentResources.desired(in);
    String file =
        named(all, ConfigMap.class, "desk-trading-api")
            .getData()
            .get("ALPHINTRA_TRADING_CONNECTORS_FILE");

    assertThat(of(all, ConfigMap.class))
        .filteredOn(c -> c.getData().containsKey("connectors.properties"))
        .hasSize(1);
    for (String name : List.of("desk-trading-api-blue", "desk-trading-api-green")) {
      PodSpec pod = named(all, Deployment.class, name).getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes())
          .filteredOn(v -> v.getConfigMap() != null)
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.getName()).isEqualTo("connectors");
                assertThat(v.getConfigMap().getName()).isEqualTo("desk-trading-connectors");
              });
      assertThat(pod.getContainers().get(0).getVolumeMounts())
          .filteredOn(m -> m.getName().equals("connectors"))
          .singleElement()
          .satisfies(
              m -> {
                // kubelet updates a mounted ConfigMap in place, but never one mounted by subPath.
                assertThat(m.getSubPath()).isNull();
                assertThat(m.getReadOnly()).isTrue();
                assertThat(file).isEqualTo(m.getMountPath() + "/connectors.properties");
              });
    }
    assertThat(named(all, Deployment.class, "desk-auth-service-blue"))
        .satisfies(
            d ->
                assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
                    .noneMatch(v -> v.getConfigMap() != null));
  }

  @Test
  void aConnectionThatComesOrGoesChangesTheConnectorsConfigMapAndNothingElse() {
    var in = rollingOut(Environments.inputs(Environments.of(Tier.Staging), false));
    var before = EnvironmentResources.desired(in);
    var after = EnvironmentResources.desired(Environments.withConnections(in, "sim"));

    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).getMetadata().getName().equals("desk-trading-connectors")) {
        assertThat(after.get(i)).isNotEqualTo(before.get(i));
      } else {
        assertThat(after.get(i))
            .as(before.get(i).getKind() + "/" + before.get(i).getMetadata().getName())
            .isEqualTo(before.get(i));
      }
    }
  }

  @Test
  void tradingApiVerifiesTokensWithTheIssuerAudienceAndKeysOfItsEnvironmentsAuthService() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Development), false));
    Map<String, String> api = named(all, ConfigMap.class, "desk-trading-api").getData();
    Map<String, String> auth = named(all, ConfigMap.class, "desk-auth-service").getData();
    Service authService = named(all, Service.class, "desk-auth-service");

    assertThat(api)
        .containsEntry(
            "ALPHINTRA_TRADING_JWKS_URI",
            "http://"
                + authService.getMetadata().getName()
                + ":"
                + authService.getSpec().getPorts().get(0).getPort()
                + "/.well-known/jwks.json")
        .containsEntry("ALPHINTRA_AUTH_ISSUER", "http://desk-auth-service:8080")
        .containsEntry("ALPHINTRA_AUTH_AUDIENCE", "alphintra")
        // auth-service writes a strategy's (the environment's) namespace into its tokens.
        .containsEntry(
            "ALPHINTRA_TRADING_NAMESPACE",
            named(all, ConfigMap.class, "desk-trading-api").getMetadata().getNamespace());
    // What auth-service writes into its tokens is what trading-api checks.
    assertThat(auth.get("ALPHINTRA_AUTH_ISSUER")).isEqualTo(api.get("ALPHINTRA_AUTH_ISSUER"));
    assertThat(auth.get("ALPHINTRA_AUTH_AUDIENCE")).isEqualTo(api.get("ALPHINTRA_AUTH_AUDIENCE"));
  }

  @Test
  void tradingApiReadsTheEnvironmentsDatabaseAndKeepsItsTablesInASchemaOfItsOwn() {
    var all =
        EnvironmentResources.desired(Environments.inputs(Environments.of(Tier.Staging), false));
    Map<String, String> api = named(all, ConfigMap.class, "desk-trading-api").getData();
    Container container =
        named(all, Deployment.class, "desk-trading-api-blue")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    assertThat(container.getEnv())
        .filteredOn(e -> e.getName().startsWith("SPRING_DATASOURCE_"))
        .extracting(
            e ->
                e.getName()
                    + "="
                    + e.getValueFrom().getSecretKeyRef().getName()
                    + "/"
                    + e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactly(
            "SPRING_DATASOURCE_URL=prod-db/url",
            "SPRING_DATASOURCE_USERNAME=prod-db/username",
            "SPRING_DATASOURCE_PASSWORD=prod-db/password");
    // auth-service migrates the same database in its default schema: their Flyway histories and
    // version-1 migrations must not meet.
    assertThat(api)
        .containsEntry("SPRING_FLYWAY_SCHEMAS", "trading")
        .containsEntry("SPRING_FLYWAY_DEFAULT_SCHEMA", "trading")
        .containsEntry("SPRING_DATASOURCE_HIKARI_SCHEMA", "trading");
    assertThat(named(all, ConfigMap.class, "desk-auth-service").getData())
        .doesNotContainKeys("SPRING_FLYWAY_SCHEMAS", "SPRING_DATASOURCE_HIKARI_SCHEMA");
  }

  /** The inputs of a blue-green environment in the middle of a rollout: blue live, green new. */
  private static EnvironmentInputs rollingOut(EnvironmentInputs in) {
    return new EnvironmentInputs(
        in.environment(),
        in.plan(),
        List.of(
            new Stack(Color.blue, "1.4.2", Stack.everyService(2), true),
            new Stack(Color.green, "1.5.0", Stack.everyService(2), false)),
        Color.green,
        in.databaseSecretHash(),
        in.authSecretHash(),
        in.customMetricsApi(),
        in.postgresImage(),
        in.admitted(),
        in.brokerConnections());
  }
}
