package io.alphintra.operator.strategy.model;

import static io.alphintra.operator.strategy.model.Strategies.inputs;
import static io.alphintra.operator.strategy.model.Strategies.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.ComputeResources;
import io.alphintra.api.v1alpha1.ResourceAmounts;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StrategyResourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static <T extends HasMetadata> T child(List<HasMetadata> all, Class<T> kind) {
    return all.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
  }

  private static Map<String, String> env(Deployment d) {
    return container(d).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("strategy"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theEngineRunsAloneAsNonRootWithItsConfigAndAnAlphintraToken() {
    var in = inputs(strategy(Strategies.live()));
    List<HasMetadata> all = StrategyResources.desired(in, 4, 1);

    assertThat(all)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly(
            "ServiceAccount/sma-btc-strategy",
            "ConfigMap/sma-btc-strategy-config",
            "Deployment/sma-btc-strategy",
            "Service/sma-btc-strategy",
            "NetworkPolicy/sma-btc-strategy");
    assertThat(all)
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getOwnerReferences().get(0).getKind())
                  .isEqualTo("Strategy");
              assertThat(o.getMetadata().getLabels())
                  .containsEntry(Labels.MANAGED_BY, Labels.OPERATOR)
                  .containsEntry(Labels.ENVIRONMENT, "dev")
                  .containsEntry(Labels.COMPONENT, "strategy")
                  .containsEntry("app.kubernetes.io/component", "strategy")
                  .containsEntry("trading.alphintra.io/strategy", "sma-btc");
            });
    assertThat(child(all, ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();

    Deployment d = child(all, Deployment.class);
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("sma-btc-strategy");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    Container c = container(d);
    assertThat(c.getImage()).isEqualTo("registry.test/alphintra/strategy-engine:1.4.2");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getPorts().get(0).getName()).isEqualTo("http");
    assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    assertThat(c.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
    assertThat(env(d))
        .containsEntry("ALPHINTRA_STRATEGY_CONFIG", "/etc/alphintra/strategy/strategy.json")
        .containsEntry("ALPHINTRA_CONNECTOR_URL", "http://sim-connector:8080")
        .containsEntry("ALPHINTRA_TRADING_API_URL", "http://dev-trading-api:8080")
        .containsEntry("ALPHINTRA_AUTH_URL", "http://dev-auth-service:8080")
        .containsEntry("ALPHINTRA_SERVICE_ACCOUNT_TOKEN", "/var/run/secrets/alphintra/token");
    assertThat(c.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/etc/alphintra/strategy");
              assertThat(m.getReadOnly()).isTrue();
            })
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/alphintra"))
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    Volume token =
        pod.getVolumes().stream().filter(v -> v.getProjected() != null).findFirst().orElseThrow();
    var projected = token.getProjected().getSources().get(0).getServiceAccountToken();
    assertThat(projected.getAudience()).isEqualTo("alphintra");
    assertThat(projected.getExpirationSeconds()).isEqualTo(3600L);
    assertThat(projected.getPath()).isEqualTo("token");
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getConfigMap() != null)
        .singleElement()
        .satisfies(
            v -> assertThat(v.getConfigMap().getName()).isEqualTo("sma-btc-strategy-config"));
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(StrategyResources.INSTANCE_ANNOTATION, "4")
        .containsEntry(
            StrategyResources.REVISION_ANNOTATION, StrategyConfig.revision(in.strategy()))
        .containsEntry(
            StrategyResources.TEMPLATE_HASH_ANNOTATION, StrategyResources.templateHash(in));

    Service service = child(all, Service.class);
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
    assertThat(service.getSpec().getSelector())
        .isEqualTo(d.getSpec().getSelector().getMatchLabels());
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void theConfigMapHoldsStrategyJsonAsTheContractSpellsIt() throws Exception {
    var s = strategy(Strategies.live());
    ConfigMap cm = child(StrategyResources.desired(inputs(s), 1, 1), ConfigMap.class);
    JsonNode json = JSON.readTree(cm.getData().get("strategy.json"));

    assertThat(json.get("namespace").asText()).isEqualTo("desk");
    assertThat(json.get("name").asText()).isEqualTo("sma-btc");
    assertThat(json.get("revision").asText())
        .isEqualTo(StrategyConfig.revision(s))
        .matches("[0-9a-f]{16}");
    assertThat(json.get("type").asText()).isEqualTo("SmaCrossover");
    assertThat(json.get("parameters").get("fastPeriod").asInt()).isEqualTo(5);
    assertThat(json.get("parameters").get("slowPeriod").asInt()).isEqualTo(20);
    assertThat(json.get("parameters").get("orderQuantity").isTextual()).isTrue();
    assertThat(json.get("parameters").get("orderQuantity").asText()).isEqualTo("0.01");
    assertThat(json.get("symbols").get(0).asText()).isEqualTo("BTCUSDT");
    assertThat(json.get("mode").asText()).isEqualTo("Live");
    assertThat(json.get("risk").get("maxDailyLoss").asText()).isEqualTo("200");
    assertThat(json.get("risk").get("maxOrdersPerMinute").asInt()).isEqualTo(60);
    assertThat(json.get("capital").asText()).isEqualTo("10000");
    assertThat(json.get("candleInterval").asText()).isEqualTo("PT1M");

    JsonNode paper =
        JSON.readTree(
            child(
                    StrategyResources.desired(inputs(strategy(Strategies.paper())), 1, 1),
                    ConfigMap.class)
                .getData()
                .get("strategy.json"));
    assertThat(paper.has("risk")).isFalse();
    assertThat(paper.get("mode").asText()).isEqualTo("Paper");
  }

  @Test
  void theRevisionFollowsHowTheStrategyTradesNotHowItIsScheduled() {
    String base = StrategyConfig.revision(strategy(Strategies.paper()));
    assertThat(StrategyConfig.revision(strategy(Strategies.paper()))).isEqualTo(base);
    assertThat(
            StrategyConfig.revision(
                strategy(Strategies.spec(TradingMode.Paper, null, 6, false, null))))
        .isNotEqualTo(base);
    assertThat(StrategyConfig.revision(strategy(Strategies.live()))).isNotEqualTo(base);
    assertThat(
            StrategyConfig.revision(
                strategy(Strategies.spec(TradingMode.Paper, null, 5, true, null))))
        .as("suspend is not part of the revision")
        .isEqualTo(base);
    var resources = new ComputeResources(new ResourceAmounts("250m", "384Mi"), null);
    assertThat(
            StrategyConfig.revision(
                strategy(Strategies.spec(TradingMode.Paper, null, 5, false, resources))))
        .as("resources are not part of the revision")
        .isEqualTo(base);
  }

  @Test
  void anythingInThePodTemplateChangesItsHashButTheInstanceNumberDoesNot() {
    var plain = inputs(strategy(Strategies.paper()));
    String hash = StrategyResources.templateHash(plain);
    assertThat(StrategyResources.templateHash(inputs(strategy(Strategies.paper()))))
        .isEqualTo(hash);
    var resources = new ComputeResources(new ResourceAmounts("250m", null), null);
    assertThat(
            StrategyResources.templateHash(
                inputs(strategy(Strategies.spec(TradingMode.Paper, null, 5, false, resources)))))
        .isNotEqualTo(hash);
    var newVersion =
        new StrategyInputs(plain.strategy(), "dev", "1.5.0", "registry.test/alphintra", null);
    assertThat(StrategyResources.templateHash(newVersion)).isNotEqualTo(hash);
    assertThat(
            StrategyResources.deployment(plain, 1, 1)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(StrategyResources.TEMPLATE_HASH_ANNOTATION))
        .isEqualTo(
            StrategyResources.deployment(plain, 2, 1)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(StrategyResources.TEMPLATE_HASH_ANNOTATION));
  }

  @Test
  void resourcesComeFromTheSpecValueByValueOverTheDefaults() {
    var resources =
        new ComputeResources(new ResourceAmounts("250m", null), new ResourceAmounts(null, "1Gi"));
    Deployment d =
        StrategyResources.deployment(
            inputs(strategy(Strategies.spec(TradingMode.Paper, null, 5, false, resources))), 1, 1);
    var actual = container(d).getResources();
    assertThat(actual.getRequests())
        .containsEntry("cpu", new Quantity("250m"))
        .containsEntry("memory", new Quantity("256Mi"));
    assertThat(actual.getLimits())
        .containsEntry("cpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("1Gi"));
  }

  @Test
  void aSuspendedStrategyHasNoPod() {
    Deployment d = StrategyResources.deployment(inputs(strategy(Strategies.paper())), 2, 0);
    assertThat(d.getSpec().getReplicas()).isZero();
  }

  @Test
  void whileAnInstanceDrainsItsConfigAndDeploymentAreLeftAlone() {
    assertThat(StrategyResources.whileDraining(inputs(strategy(Strategies.paper()))))
        .extracting(HasMetadata::getKind)
        .containsExactly("ServiceAccount", "Service", "NetworkPolicy");
  }
}
