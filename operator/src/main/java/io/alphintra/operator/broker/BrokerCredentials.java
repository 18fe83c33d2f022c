package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.alphintra.operator.broker.model.BrokerInputs;
import io.alphintra.operator.broker.model.BrokerNames;
import io.alphintra.operator.broker.model.BrokerStatusModel;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.runtime.CredentialSecrets;
import io.alphintra.operator.runtime.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;

/**
 * The credentials of a connection: the user's Secret for an external venue, checked for its keys,
 * or credentials generated once for a Simulator connection. Only a keyed digest of the content
 * leaves this class.
 */
final class BrokerCredentials {
  private final CredentialSecrets secrets;

  BrokerCredentials(KubernetesClient client, SecretDigest digest) {
    this.secrets = new CredentialSecrets(client, digest);
  }

  /** The digest of the credentials, or the problem that makes them unusable. */
  CredentialSecrets.Resolved resolve(
      BrokerConnection bc, BrokerInputs draft, Context<BrokerConnection> context) {
    CredentialsSecretRef ref = bc.getSpec().credentialsSecretRef();
    if (ref == null && draft.simulated()) {
      return secrets.generated(
          bc, context, BrokerNames.simulatorCredentials(bc), () -> generate(bc, draft));
    }
    return secrets.referenced(
        bc,
        context,
        BrokerEventSources.CREDENTIALS,
        List.of(ref.apiKeyKeyOrDefault(), ref.secretKeyKeyOrDefault()),
        "apiKeyKey/secretKeyKey",
        BrokerStatusModel.CREDENTIALS_MISSING);
  }

  private static Secret generate(BrokerConnection bc, BrokerInputs draft) {
    return new SecretBuilder()
        .withMetadata(
            Owners.owned(
                bc,
                BrokerNames.simulatorCredentials(bc),
                Labels.of(draft.environment(), Component.BROKER_SIMULATOR, null)))
        .withType("Opaque")
        .withStringData(
            Map.of(
                CredentialsSecretRef.DEFAULT_API_KEY_KEY, GeneratedSecrets.randomToken(24),
                CredentialsSecretRef.DEFAULT_SECRET_KEY_KEY, GeneratedSecrets.randomToken(48)))
        .build();
  }
}
