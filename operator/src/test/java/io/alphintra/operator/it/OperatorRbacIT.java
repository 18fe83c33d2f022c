package io.alphintra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.SmaCrossoverParameters;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategySpec;
import io.alphintra.api.v1alpha1.StrategyType;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.runtime.SecretDigestKey;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator running with exactly the chart's RBAC rules (helm/alphintra-operator/rbac/), bound
 * the way the chart binds them when it watches listed namespaces: every request it makes is
 * allowed.
 */
class OperatorRbacIT extends OnRealApiServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Path RULES =
      Path.of("..", "helm", "alphintra-operator", "rbac").toAbsolutePath().normalize();
  private static final String SERVICE_ACCOUNT = "alphintra-operator";

  private final List<String> forbidden = new CopyOnWriteArrayList<>();
  private FakeConnector connector;
  private OperatorMain operator;
  private String watched;
  private String own;

  @BeforeEach
  void start() throws IOException {
    watched = api.newNamespace("rbac");
    own = api.newNamespace("rbac-operator");
    bind(watched, "watched-namespace-rules.yaml");
    bind(own, "own-namespace-rules.yaml");
    bindClusterWide("cluster-rules.yaml");
    connector = FakeConnector.start();
    var config =
        OperatorConfig.from(
            Map.of(
                "ALPHINTRA_WATCH_NAMESPACES",
                watched,
                "ALPHINTRA_OPERATOR_NAMESPACE",
                own,
                "ALPHINTRA_METRICS_PORT",
                "0",
                "ALPHINTRA_IMAGE_REGISTRY",
                "registry.test/alphintra"),
            false);
    operator = OperatorMain.start(config, serviceAccountClient(), connector.endpoints());
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    connector.close();
    client.rbac().clusterRoleBindings().withName(clusterWide()).delete();
    client.rbac().clusterRoles().withName(clusterWide()).delete();
    forbidden.forEach(request -> System.out.println("forbidden: " + request));
  }

  @Test
  void theChartsRulesAllowEverythingTheOperatorDoes() {
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName("dev").withNamespace(watched).build());
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Development, "1.0.0", null, null, null, null, null, null, null));
    client.resource(te).create();
    ReadyEnvironment.awaitReady(client, watched, "dev");
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("venue-keys")
                .withNamespace(watched)
                .endMetadata()
                .withStringData(Map.of("apiKey", "k", "secretKey", "s"))
                .build())
        .create();
    connection("sim", BrokerType.Simulator, null);
    connection("binance", BrokerType.Binance, new CredentialsSecretRef("venue-keys", null, null));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(ready("sim")).isTrue();
              assertThat(ready("binance")).isTrue();
              assertThat(
                      client
                          .secrets()
                          .inNamespace(watched)
                          .withName("sim-simulator-credentials")
                          .get())
                  .isNotNull();
              assertThat(client.v1().events().inNamespace(watched).list().getItems())
                  .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("AllServicesReady"));
            });
    assertThat(client.secrets().inNamespace(own).withName(SecretDigestKey.SECRET_NAME).get())
        .isNotNull();
    String tokenReview = "alphintra-" + watched + "-dev-auth-delegator";
    assertThat(client.rbac().clusterRoleBindings().withName(tokenReview).get()).isNotNull();

    // A strategy: its children, its finalizer, the removal of a handled reset-halt annotation.
    Strategy strategy = new Strategy();
    strategy.setMetadata(
        new ObjectMetaBuilder()
            .withName("sma")
            .withNamespace(watched)
            .withAnnotations(Map.of("trading.alphintra.io/reset-halt", "true"))
            .build());
    strategy.setSpec(
        new StrategySpec(
            new LocalObjectReference("dev"),
            new LocalObjectReference("sim"),
            StrategyType.SmaCrossover,
            new SmaCrossoverParameters(5, 20, "0.01"),
            null,
            List.of("BTCUSDT"),
            null,
            TradingMode.Paper,
            null,
            "10000",
            false,
            null));
    client.resource(strategy).create();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Strategy s =
                  client.resources(Strategy.class).inNamespace(watched).withName("sma").get();
              assertThat(s.getMetadata().getFinalizers()).isNotEmpty();
              assertThat(s.getMetadata().getAnnotations())
                  .doesNotContainKey("trading.alphintra.io/reset-halt");
              assertThat(
                      client
                          .network()
                          .v1()
                          .networkPolicies()
                          .inNamespace(watched)
                          .withName("sma-strategy")
                          .get())
                  .isNotNull();
            });
    client.resources(Strategy.class).inNamespace(watched).withName("sma").delete();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.resources(Strategy.class).inNamespace(watched).withName("sma").get()
                    == null);

    // Deleting the environment runs its cleanup, which deletes the cluster-scoped binding.
    client.resources(TradingEnvironment.class).inNamespace(watched).withName("dev").delete();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(client.rbac().clusterRoleBindings().withName(tokenReview).get()).isNull();
              assertThat(
                      client
                          .resources(TradingEnvironment.class)
                          .inNamespace(watched)
                          .withName("dev")
                          .get())
                  .isNull();
            });
    assertThat(forbidden).isEmpty();
  }

  private void connection(String name, BrokerType broker, CredentialsSecretRef credentials) {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(watched).build());
    bc.setSpec(
        new BrokerConnectionSpec(
            new LocalObjectReference("dev"),
            broker,
            broker == BrokerType.Binance ? "https://api.venue.test" : null,
            null,
            credentials,
            null,
            List.of("BTCUSDT"),
            null,
            null));
    client.resource(bc).create();
  }

  private boolean ready(String connection) {
    var bc =
        client.resources(BrokerConnection.class).inNamespace(watched).withName(connection).get();
    return bc != null
        && bc.getStatus() != null
        && Conditions.find(bc.getStatus().conditions(), Condition.READY)
            .map(Condition::holds)
            .orElse(false);
  }

  /**
   * A Role with the chart's rules in {@code namespace}, bound to the operator's service account.
   */
  private void bind(String namespace, String rulesFile) {
    client
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("operator")
                .withNamespace(namespace)
                .endMetadata()
                .withRules(rules(rulesFile))
                .build())
        .create();
    client
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("operator")
                .withNamespace(namespace)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "operator")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(SERVICE_ACCOUNT)
                .withNamespace(own)
                .endSubject()
                .build())
        .create();
  }

  private String clusterWide() {
    return "alphintra-operator-" + own;
  }

  /** A ClusterRole with the chart's cluster-wide rules, bound to the operator's service account. */
  private void bindClusterWide(String rulesFile) {
    client
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(clusterWide())
                .endMetadata()
                .withRules(rules(rulesFile))
                .build())
        .create();
    client
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(clusterWide())
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterWide())
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(SERVICE_ACCOUNT)
                .withNamespace(own)
                .endSubject()
                .build())
        .create();
  }

  private static List<PolicyRule> rules(String rulesFile) {
    try {
      return Arrays.asList(
          Serialization.unmarshal(Files.readString(RULES.resolve(rulesFile)), PolicyRule[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A client acting as the operator's service account, which records every request the API server
   * forbade.
   */
  private KubernetesClient serviceAccountClient() throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(api.writeKubeconfig()));
    config.setImpersonateUsername("system:serviceaccount:" + own + ":" + SERVICE_ACCOUNT);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + own, "system:authenticated");
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientBuilderConsumer(
            builder ->
                builder.addOrReplaceInterceptor(
                    "forbidden",
                    new Interceptor() {
                      @Override
                      public void after(
                          HttpRequest request,
                          HttpResponse<?> response,
                          AsyncBody.Consumer<List<ByteBuffer>> body) {
                        if (response.code() == 403) {
                          forbidden.add(request.method() + " " + request.uri());
                        }
                      }
                    }))
        .build();
  }
}
