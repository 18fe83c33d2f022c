package io.alphintra.operator.runtime;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.TradingEnvironment;

/**
 * The references by name that two controllers follow from opposite ends, defined once: the
 * referrer's controller resolves what it names, the referenced kind's controller lists its
 * referrers.
 */
public final class References {
  /**
   * A BrokerConnection's spec.environmentRef: the connection resolves its environment (version,
   * registry); the environment lists its connections (trading-api's connector addresses).
   */
  public static final NamedReference<TradingEnvironment, BrokerConnection> BROKER_ENVIRONMENT =
      NamedReference.cached(
          TradingEnvironment.class,
          "spec.environmentRef",
          bc ->
              bc.getSpec() == null || bc.getSpec().environmentRef() == null
                  ? null
                  : bc.getSpec().environmentRef().name());

  private References() {}
}
