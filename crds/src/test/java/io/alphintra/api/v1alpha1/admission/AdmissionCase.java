package io.alphintra.api.v1alpha1.admission;

/**
 * One invalid custom resource the API server must reject at admission.
 *
 * @param name The file name without {@code .yaml}; also the resource's metadata.name.
 * @param kind TradingEnvironment, Strategy or BrokerConnection.
 * @param expectedMessage Text that must appear in the API server's error message; it names the
 *     offending field.
 * @param yaml The resource, as applied (namespace-less).
 */
public record AdmissionCase(String name, String kind, String expectedMessage, String yaml) {

  @Override
  public String toString() {
    return name; // parameterized test names
  }
}
