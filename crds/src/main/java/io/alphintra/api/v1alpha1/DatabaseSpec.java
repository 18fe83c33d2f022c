package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where the services keep their data. Set exactly one of secretRef or managed.
 *
 * @param secretRef A Secret in this namespace that describes an external PostgreSQL (JDBC URL,
 *     user, password). Required for Staging and Production.
 * @param managed An in-cluster PostgreSQL (StatefulSet, Service, generated password Secret).
 *     Development only.
 */
@ValidationRule(
    value = "has(self.secretRef) != has(self.managed)",
    message =
        "spec.database must set exactly one of secretRef (an external PostgreSQL) or managed (an in-cluster one, Development only)")
public record DatabaseSpec(DatabaseSecretRef secretRef, ManagedDatabase managed) {}
