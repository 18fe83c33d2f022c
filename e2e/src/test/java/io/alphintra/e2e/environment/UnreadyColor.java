package io.alphintra.e2e.environment;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Keeps the pods of the idle color unready on kwok nodes from the very first one: before the
 * rollout, it creates that color's Deployments itself, as copies of the live color's scaled to zero
 * whose pod template carries {@value #FAKE_READY}{@code : "false"} (see
 * e2e/toolchain/kwok-stages.yaml). The operator's server-side apply then takes over every field it
 * sets and leaves the annotation, which it does not own, in place.
 *
 * <p>Annotating the template only once the operator has created the Deployment races with kwok: the
 * first pod can be Ready before the patch lands, and with {@code maxUnavailable: 0} that pod of the
 * old template stays Ready next to the new, unready one.
 */
final class UnreadyColor {
  static final String FAKE_READY = "alphintra.io/fake-ready";

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> deployments;

  private UnreadyColor(KubernetesClient client, String namespace, List<String> deployments) {
    this.client = client;
    this.namespace = namespace;
    this.deployments = deployments;
  }

  /**
   * Creates the {@code idle} Deployment of each service (named {@code <service>-<color>}) next to
   * the live one.
   */
  static UnreadyColor ahead(
      KubernetesClient client, String namespace, List<String> services, Color live, Color idle) {
    for (String service : services) {
      Deployment from =
          client
              .apps()
              .deployments()
              .inNamespace(namespace)
              .withName(service + "-" + live.name())
              .get();
      UnaryOperator<Map<String, String>> recolor =
          labels ->
              labels.entrySet().stream()
                  .collect(
                      Collectors.toMap(
                          Map.Entry::getKey,
                          e -> e.getKey().equals(Labels.COLOR) ? idle.name() : e.getValue()));
      PodTemplateSpec template =
          new PodTemplateSpecBuilder(from.getSpec().getTemplate())
              .editMetadata()
              .withLabels(recolor.apply(from.getSpec().getTemplate().getMetadata().getLabels()))
              .addToAnnotations(FAKE_READY, "false")
              .endMetadata()
              .build();
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .resource(
              new DeploymentBuilder()
                  .withNewMetadata()
                  .withName(service + "-" + idle.name())
                  .endMetadata()
                  .withNewSpec()
                  .withReplicas(0)
                  .withSelector(
                      new LabelSelectorBuilder()
                          .withMatchLabels(
                              recolor.apply(from.getSpec().getSelector().getMatchLabels()))
                          .build())
                  .withStrategy(from.getSpec().getStrategy())
                  .withTemplate(template)
                  .endSpec()
                  .build())
          .create();
    }
    return new UnreadyColor(
        client, namespace, services.stream().map(s -> s + "-" + idle.name()).toList());
  }

  /** Removes the annotation: the Deployments roll out new pods, which become Ready. */
  void release() {
    for (String deployment : deployments) {
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName(deployment)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\""
                  + FAKE_READY
                  + "\":null}}}}}");
    }
  }
}
