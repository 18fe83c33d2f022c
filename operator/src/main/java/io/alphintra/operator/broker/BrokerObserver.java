package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.broker.model.BrokerInputs;
import io.alphintra.operator.broker.model.BrokerNames;
import io.alphintra.operator.broker.model.BrokerObservation;
import io.alphintra.operator.broker.model.BrokerStatusModel;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Images;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
    String simulatorVersion = deployedSimulatorVersion(bc, context).orElse(version);
    BrokerInputs draft =
        new BrokerInputs(bc, environmentName, version, simulatorVersion, registry, null);
    var resolved = credentials.resolve(bc, draft, context);
    return new BrokerObservation(
        bc,
        resolved.problem(),
        new BrokerInputs(
            bc, environmentName, version, simulatorVersion, registry, resolved.hash()));
  }

  /**
   * The image tag of the simulator this connection already runs, if any: a release leaves the
   * venue, its book and its trades where they are.
   */
  static Optional<String> deployedSimulatorVersion(
      BrokerConnection bc, Context<BrokerConnection> context) {
    String name = BrokerNames.simulator(bc);
    return context.getSecondaryResources(Deployment.class).stream()
        .filter(deployment -> name.equals(deployment.getMetadata().getName()))
        .flatMap(
            deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().stream())
        .filter(container -> Component.BROKER_SIMULATOR.label().equals(container.getName()))
        .map(container -> Images.tag(container.getImage()))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /**
   * The version connectors run, and new simulators start at: the environment's promoted one, so a
   * release that was rolled back (or is still being checked) never reaches them; spec.version only
   * before the environment recorded any.
   */
  static String runningVersion(TradingEnvironment te) {
    return Images.runningVersion(te);
  }
}
