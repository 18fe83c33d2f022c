package io.alphintra.api.v1alpha1;

/** The three values of a condition's status, spelled as Kubernetes spells them. */
public enum ConditionStatus {
  True,
  False,
  Unknown
}
