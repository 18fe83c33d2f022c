package io.alphintra.api.v1alpha1;

/**
 * One of the two stacks of a blue-green environment; lower case because it is also a label value.
 */
public enum Color {
  blue,
  green;

  /** The other color. */
  public Color other() {
    return this == blue ? green : blue;
  }
}
