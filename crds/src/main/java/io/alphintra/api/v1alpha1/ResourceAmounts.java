package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;

/**
 * An amount of CPU and memory.
 *
 * @param cpu CPU as a Kubernetes quantity, e.g. 250m (a quarter core) or 2.
 * @param memory Memory as a Kubernetes quantity, e.g. 512Mi or 2Gi.
 */
public record ResourceAmounts(
    @Pattern(Patterns.QUANTITY) String cpu, @Pattern(Patterns.QUANTITY) String memory) {}
