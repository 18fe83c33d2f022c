package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * One allowed source of traffic to trading-api. Pod and namespace labels combine (pods with these
 * labels in namespaces with those labels); cidr stands alone.
 *
 * @param namespaceLabels Labels of the namespaces traffic may come from, e.g.
 *     kubernetes.io/metadata.name: ingress-nginx.
 * @param podLabels Labels of the pods traffic may come from.
 * @param cidr An IP block traffic may come from, e.g. 10.0.0.0/8.
 */
@ValidationRule(
    value =
        "has(self.cidr) ? !has(self.namespaceLabels) && !has(self.podLabels) : (has(self.namespaceLabels) || has(self.podLabels))",
    message =
        "networkPolicy.allowedIngress entries set either cidr alone, or namespaceLabels and/or podLabels")
public record IngressSource(
    Map<String, String> namespaceLabels,
    Map<String, String> podLabels,
    @Pattern(Patterns.CIDR) String cidr) {}
