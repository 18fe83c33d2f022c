package io.alphintra.operator.it;

import io.alphintra.api.v1alpha1.testing.RealApiServer;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the operator's integration tests: one real kube-apiserver per test class, CRDs installed. */
abstract class OnRealApiServer {
  static RealApiServer api;
  static KubernetesClient client;

  @BeforeAll
  static void startApiServer() {
    api = RealApiServer.start();
    client = api.client();
  }

  @AfterAll
  static void stopApiServer() {
    if (api != null) {
      api.close();
    }
  }

  /** An in-process operator watching {@code namespace}, with its own client; null endpoints use the default. */
  static OperatorMain startOperator(String namespace, CheckEndpoints endpoints) {
    var config = OperatorConfig.from(Map.of("ALPHINTRA_WATCH_NAMESPACES", namespace, "ALPHINTRA_METRICS_PORT", "0",
        "ALPHINTRA_IMAGE_REGISTRY", "registry.test/alphintra"), false);
    return OperatorMain.start(config, api.newClient(), endpoints);
  }
}
