package io.alphintra.api.v1alpha1.crdgen;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes the generated CRDs read the way they are declared in {@code kubectl get} and {@code kubectl
 * explain}.
 *
 * <p>The fabric8 generator sorts printer columns by JSON path (fabric8io/kubernetes-client#7454),
 * which would put Age first and Mode before Type; kubectl prints them in CRD order, so they are put
 * back in annotation order. It also leaves the root, spec and status without a description; they
 * get the javadoc of the kind and of its spec and status classes.
 */
final class KubectlPresentation implements CRDPostProcessor {

  private final Map<String, Class<? extends HasMetadata>> kinds;
  private final ModelDocs docs;

  KubectlPresentation(List<Class<? extends HasMetadata>> kinds, ModelDocs docs) {
    this.kinds =
        kinds.stream().collect(Collectors.toMap(HasMetadata::getKind, Function.identity()));
    this.docs = docs;
  }

  @Override
  public HasMetadata process(HasMetadata generated, String crdSpecVersion) {
    if (!(generated instanceof CustomResourceDefinition crd)) {
      return generated;
    }
    String kind = crd.getSpec().getNames().getKind();
    Class<? extends HasMetadata> type = kinds.get(kind);
    if (type == null) {
      return generated;
    }
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      version.setAdditionalPrinterColumns(
          inDeclarationOrder(type, version.getAdditionalPrinterColumns()));
      describe(version.getSchema().getOpenAPIV3Schema(), kind);
    }
    return crd;
  }

  private static List<CustomResourceColumnDefinition> inDeclarationOrder(
      Class<?> type, List<CustomResourceColumnDefinition> columns) {
    List<String> declared =
        Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    List<CustomResourceColumnDefinition> ordered = new ArrayList<>(columns);
    ordered.sort(
        Comparator.comparingInt(
            column -> {
              int index = declared.indexOf(column.getName());
              return index < 0 ? Integer.MAX_VALUE : index;
            }));
    return ordered;
  }

  private void describe(JSONSchemaProps root, String kind) {
    if (root.getDescription() == null) {
      root.setDescription(docs.type(kind));
    }
    describeProperty(root, "spec", kind + "Spec");
    describeProperty(root, "status", kind + "Status");
  }

  private void describeProperty(JSONSchemaProps root, String property, String className) {
    JSONSchemaProps schema =
        root.getProperties() == null ? null : root.getProperties().get(property);
    if (schema != null && schema.getDescription() == null) {
      schema.setDescription(docs.type(className));
    }
  }
}
