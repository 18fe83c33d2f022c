package io.alphintra.api.v1alpha1.admission;

/**
 * One update of a valid custom resource that the API server judges by its CEL transition rules
 * ({@code oldSelf}).
 *
 * @param name The file name without {@code .yaml}; also the resource's metadata.name in both
 *     documents.
 * @param kind TradingEnvironment, Strategy or BrokerConnection.
 * @param rejected Whether the API server must reject the update; otherwise it must accept it.
 * @param ruleMessage Text of the transition rule's message: what a rejection must contain, or the
 *     rule an accepted update stays within.
 * @param oldYaml The resource as created (namespace-less); valid on its own.
 * @param newYaml The resource it is updated to; valid on its own when created, so only the
 *     transition can fail it.
 */
public record TransitionCase(
    String name,
    String kind,
    boolean rejected,
    String ruleMessage,
    String oldYaml,
    String newYaml) {

  @Override
  public String toString() {
    return name; // parameterized test names
  }
}
