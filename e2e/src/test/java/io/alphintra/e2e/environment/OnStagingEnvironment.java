package io.alphintra.e2e.environment;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterExtension;
import io.alphintra.e2e.cluster.DumpOnFailure;
import io.alphintra.e2e.cluster.TestNamespace;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.operator.OperatorMain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the blue-green E2E classes: the shared cluster with the CRDs installed, a local server
 * standing in for every Service's health endpoint, and per test a fresh namespace with a Staging
 * environment's database Secret.
 */
@ExtendWith(ClusterExtension.class)
abstract class OnStagingEnvironment {
  static Cluster cluster;
  static FakeServiceEndpoints endpoints;
  TestNamespace namespace;
  StagingEnvironment te;
  private OperatorMain inProcessOperator;

  @RegisterExtension final DumpOnFailure dump = new DumpOnFailure(() -> namespace);

  @BeforeAll
  static void installCrds(Cluster given) throws Exception {
    cluster = given;
    Platform.installCrds(cluster);
    endpoints = new FakeServiceEndpoints();
  }

  @AfterAll
  static void stopEndpoints() {
    if (endpoints != null) {
      endpoints.close();
    }
  }

  /** Creates the namespace, then starts an operator in this JVM that watches it. */
  void startInProcessOperator(String prefix) {
    createNamespace(prefix);
    inProcessOperator =
        Platform.startOperator(cluster, List.of(namespace.name()), endpoints, Map.of());
  }

  /**
   * Runs after a subclass's own clean-up: stops the in-process operator, if any, and deletes the
   * namespace.
   */
  @AfterEach
  void stopOperatorAndDeleteNamespace() {
    if (inProcessOperator != null) {
      if (namespace != null) {
        namespace.deleteEnvironments(Duration.ofSeconds(60));
      }
      inProcessOperator.close();
    }
    if (namespace != null) {
      namespace.close();
    }
  }

  /**
   * A random namespace named after {@code prefix}, with the Secret the Staging environment's
   * database needs.
   */
  void createNamespace(String prefix) {
    namespace = TestNamespace.create(cluster, prefix);
    te = new StagingEnvironment(cluster.client(), namespace.name());
    te.createDatabaseSecret();
  }
}
