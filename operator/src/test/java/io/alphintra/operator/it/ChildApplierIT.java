package io.alphintra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.operator.runtime.ChildApplier;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply of children against a real kube-apiserver, where its defaulting and validation
 * apply.
 */
class ChildApplierIT extends OnRealApiServer {

  @Test
  void aDeploymentCreatedWithTheDefaultRollingUpdateCanBeSwitchedToRecreate() {
    // As after an operator upgrade: connector Deployments made before they used Recreate carry the
    // defaulted
    // rollingUpdate block, which the API server forbids next to type Recreate.
    String namespace = api.newNamespace("apply");
    ChildApplier applier = new ChildApplier(client);
    Deployment rolling =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("connector")
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .addToMatchLabels("app", "connector")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "connector")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("connector")
            .withImage("registry.test/connector:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    applier.apply(rolling);
    assertThat(deployment(namespace).getSpec().getStrategy().getRollingUpdate())
        .as("defaulted by the API server")
        .isNotNull();

    applier.apply(
        new DeploymentBuilder(rolling)
            .editSpec()
            .withNewStrategy()
            .withType("Recreate")
            .endStrategy()
            .endSpec()
            .build());

    assertThat(deployment(namespace).getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(deployment(namespace).getSpec().getStrategy().getRollingUpdate()).isNull();
  }

  private static Deployment deployment(String namespace) {
    return client.apps().deployments().inNamespace(namespace).withName("connector").get();
  }
}
