package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.broker.model.BrokerInputs;
import io.alphintra.operator.broker.model.BrokerObservation;
import io.alphintra.operator.broker.model.BrokerStatusModel;
import io.alphintra.operator.common.Images;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * The observe step of a BrokerConnection reconcile: its environment (by name, in the informer
 * cache), the images that environment runs, and its credentials (a referenced Secret checked for
 * its keys, or generated ones created once), into a problem or the inputs of its children.
 */
final class BrokerObserver {
  private final OperatorConfig config;
  private final BrokerCredentials credentials;

  BrokerObserver(OperatorConfig config, KubernetesClient client, SecretDigest digest) {
    this.config = config;
    this.credentials = new BrokerCredentials(client, digest);
  }

  BrokerObservation observe(BrokerConnection bc, Context<BrokerConnection> context) {
    String environmentName = bc.getSpec().environmentRef().name();
    Optional<TradingEnvironment> environment = BrokerEventSources.ENVIRONMENT.resolve(bc, context);
    if (environment.isEmpty()) {
      return new BrokerObservation(
          bc,
          new Problem(
              BrokerStatusModel.ENVIRONMENT_NOT_FOUND,
              "TradingEnvironment "
                  + environmentName
                  + " named by spec.environmentRef does not exist in namespace "
                  + bc.getMetadata().getNamespace()
                  + ": create it or point environmentRef at an existing one"),
          null);
    }
    String registry = Images.registry(environment.get(), config.imageRegistry());
    String version = runningVersion(environment.get());
    BrokerInputs draft = new BrokerInputs(bc, environmentName, version, registry, null);
    var resolved = credentials.resolve(bc, draft, context);
    return new BrokerObservation(
        bc,
        resolved.problem(),
        new BrokerInputs(bc, environmentName, version, registry, resolved.hash()));
  }

  /**
   * The version connectors and simulators run: the environment's promoted one, so a release that
   * was rolled back (or is still being checked) never reaches them; spec.version only before the
   * environment recorded any.
   */
  static String runningVersion(TradingEnvironment te) {
    return Images.runningVersion(te);
  }
}
