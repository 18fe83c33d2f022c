package io.alphintra.operator.it;

import io.alphintra.api.v1alpha1.testing.RealApiServer;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the operator's integration tests: one real kube-apiserver per test class, CRDs installed.
 */
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

  /**
   * An in-process operator watching {@code namespace}, with its own client; null endpoints use the
   * default.
   */
  static OperatorMain startOperator(String namespace, CheckEndpoints endpoints) {
    return startOperator(namespace, endpoints, Map.of());
  }

  /**
   * Like {@link #startOperator(String, CheckEndpoints)}, with more {@code ALPHINTRA_*} settings.
   */
  static OperatorMain startOperator(
      String namespace, CheckEndpoints endpoints, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(settings);
    env.putAll(
        Map.of(
            "ALPHINTRA_WATCH_NAMESPACES",
            namespace,
            "ALPHINTRA_METRICS_PORT",
            "0",
            "ALPHINTRA_IMAGE_REGISTRY",
            "registry.test/alphintra"));
    return OperatorMain.start(OperatorConfig.from(env, false), api.newClient(), endpoints);
  }
}
