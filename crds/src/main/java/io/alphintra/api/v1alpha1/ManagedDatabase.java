package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/**
 * An in-cluster PostgreSQL for Development environments; its password is generated once and kept in
 * a Secret.
 *
 * @param storageSize Size of the data volume, a Kubernetes quantity such as 1Gi. Fixed once the
 *     database exists.
 * @param resources CPU and memory of the PostgreSQL container.
 */
public record ManagedDatabase(
    @Default(ManagedDatabase.DEFAULT_STORAGE_SIZE) @Pattern(Patterns.QUANTITY) String storageSize,
    ComputeResources resources) {

  public static final String DEFAULT_STORAGE_SIZE = "1Gi";

  /** The storage size, defaulted. */
  public String storageSizeOrDefault() {
    return storageSize != null ? storageSize : DEFAULT_STORAGE_SIZE;
  }
}
