package io.alphintra.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  @Test
  void realNodeProviderIsForcedByItsDashedId() {
    Properties props = new Properties();
    props.setProperty(ClusterSettings.PROVIDER_PROPERTY, "real-node");

    assertThat(ClusterSettings.from(props, Map.of()).forced()).isEqualTo(ProviderKind.REAL_NODE);
    assertThat(ProviderKind.REAL_NODE.id()).isEqualTo("real-node");
  }

  @Test
  void unknownProviderNamesEveryValidOneInOrder() {
    assertThatThrownBy(() -> ProviderKind.parse("kind"))
        .hasMessage(
            "unknown cluster provider 'kind': use one of kubeconfig, k3s, real-node, offline");
  }
}
