package io.alphintra.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsWatchAllNamespacesAndElectALeaderOnlyInCluster() {
    var local = OperatorConfig.from(Map.of(), false);
    assertThat(local.watchesAllNamespaces()).isTrue();
    assertThat(local.leaderElection()).isFalse();
    assertThat(local.reconcileParallelism()).isEqualTo(10);
    assertThat(local.applyParallelism()).isEqualTo(4);
    assertThat(local.resyncInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(OperatorConfig.from(Map.of(), true).leaderElection()).isTrue();
  }

  @Test
  void readsEveryOptionFromItsPrefixedVariable() {
    var config =
        OperatorConfig.from(
            Map.of(
                "ALPHINTRA_WATCH_NAMESPACES", "dev, prod",
                "ALPHINTRA_LEADER_ELECTION", "false",
                "ALPHINTRA_RECONCILE_PARALLELISM", "4",
                "ALPHINTRA_APPLY_PARALLELISM", "1",
                "ALPHINTRA_RESYNC_INTERVAL", "90",
                "ALPHINTRA_IMAGE_REGISTRY", "registry.local/alphintra",
                "ALPHINTRA_METRICS_PORT", "0"),
            true);

    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("dev", "prod");
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.reconcileParallelism()).isEqualTo(4);
    assertThat(config.applyParallelism()).isEqualTo(1);
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.imageRegistry()).isEqualTo("registry.local/alphintra");
    assertThat(config.metricsPort()).isZero();
  }

  @Test
  void operatorNamespaceIsWhereTheOperatorRunsUnlessTheVariableSaysOtherwise() {
    assertThat(OperatorConfig.from(Map.of(), true, "alphintra-system").operatorNamespace())
        .isEqualTo("alphintra-system");
    assertThat(
            OperatorConfig.from(
                    Map.of("ALPHINTRA_OPERATOR_NAMESPACE", "ops"), true, "alphintra-system")
                .operatorNamespace())
        .isEqualTo("ops");
    assertThat(OperatorConfig.from(Map.of(), false).operatorNamespace()).isNull();
  }

  @Test
  void monitoringNamespaceIsAdmittedOnlyWhenSet() {
    assertThat(OperatorConfig.from(Map.of(), true, "alphintra-system").monitoringNamespace())
        .isNull();
    assertThat(
            OperatorConfig.from(Map.of("ALPHINTRA_MONITORING_NAMESPACE", "monitoring"), true)
                .monitoringNamespace())
        .isEqualTo("monitoring");
    assertThatThrownBy(
            () ->
                OperatorConfig.from(
                    Map.of("ALPHINTRA_MONITORING_NAMESPACE", "Monitoring_NS"), true))
        .hasMessageContaining("ALPHINTRA_MONITORING_NAMESPACE=Monitoring_NS")
        .hasMessageContaining("namespace name");
  }

  @Test
  void badValuesNameTheVariableAndWhatItAccepts() {
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("ALPHINTRA_RECONCILE_PARALLELISM", "0"), false))
        .hasMessageContaining("ALPHINTRA_RECONCILE_PARALLELISM=0")
        .hasMessageContaining("between 1 and 200");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("ALPHINTRA_APPLY_PARALLELISM", "50"), false))
        .hasMessageContaining("ALPHINTRA_APPLY_PARALLELISM=50")
        .hasMessageContaining("between 1 and 20");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("ALPHINTRA_LEADER_ELECTION", "maybe"), false))
        .hasMessageContaining("true, false or auto");
  }

  @Test
  void everyOptionIsPrefixedAndDescribed() {
    assertThat(OperatorConfig.OPTIONS)
        .allSatisfy(
            o -> {
              assertThat(o.env()).startsWith("ALPHINTRA_");
              assertThat(o.description()).isNotBlank();
            });
  }
}
