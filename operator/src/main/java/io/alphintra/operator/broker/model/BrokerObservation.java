package io.alphintra.operator.broker.model;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.operator.common.Problem;

/**
 * What one reconcile of a BrokerConnection acts on, read once before acting.
 *
 * @param connection the BrokerConnection as read
 * @param problem what blocks it (a missing environment, unusable credentials), or null
 * @param inputs what its children are built from; null when its environment does not exist
 */
public record BrokerObservation(BrokerConnection connection, Problem problem, BrokerInputs inputs) {

  /** The venue URL status reports, once it is known. */
  public String resolvedEndpoint() {
    return inputs == null ? null : inputs.endpoint();
  }
}
