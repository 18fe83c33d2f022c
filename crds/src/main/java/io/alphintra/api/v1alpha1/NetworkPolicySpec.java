package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Default-deny NetworkPolicies for the environment's pods plus explicit allows between platform
 * components.
 *
 * @param enabled Creates the policies; defaults to off in Development and on in Staging and
 *     Production.
 * @param allowedIngress Who outside the platform may reach trading-api (for example an ingress
 *     controller).
 */
public record NetworkPolicySpec(
    Boolean enabled, @Size(max = 32) List<IngressSource> allowedIngress) {}
