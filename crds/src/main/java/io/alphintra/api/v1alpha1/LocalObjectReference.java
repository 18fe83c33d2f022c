package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A reference to another Alphintra resource in the same namespace.
 *
 * @param name Name of the referenced resource in this namespace (a DNS-1123 label).
 */
public record LocalObjectReference(@Required @Pattern(Patterns.DNS_LABEL) String name) {}
