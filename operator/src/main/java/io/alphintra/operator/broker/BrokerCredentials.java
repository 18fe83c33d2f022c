package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.alphintra.operator.broker.model.BrokerInputs;
import io.alphintra.operator.broker.model.BrokerNames;
import io.alphintra.operator.broker.model.BrokerStatusModel;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.runtime.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials of a connection: the user's Secret for an external venue, checked for its keys, or credentials
 * generated once for a Simulator connection. Only a keyed digest of the content leaves this class.
 */
final class BrokerCredentials {
  private final GeneratedSecrets secrets;
  private final SecretDigest digest;

  BrokerCredentials(KubernetesClient client, SecretDigest digest) {
    this.secrets = new GeneratedSecrets(client);
    this.digest = digest;
  }

  /** The digest of the credentials, or the problem that makes them unusable. */
  Result resolve(BrokerConnection bc, BrokerInputs draft, Context<BrokerConnection> context) {
    String namespace = bc.getMetadata().getNamespace();
    CredentialsSecretRef ref = bc.getSpec().credentialsSecretRef();
    if (ref == null && draft.simulated()) {
      String name = BrokerNames.simulatorCredentials(bc);
      Optional<Secret> cached = context.getSecondaryResourcesAsStream(Secret.class)
          .filter(s -> name.equals(s.getMetadata().getName())).findFirst();
      Secret generated = secrets.getOrCreate(cached, namespace, name, () -> generate(bc, draft));
      return new Result(digest.of(generated.getData()), null);
    }
    Optional<Secret> secret = BrokerEventSources.CREDENTIALS.resolve(bc, context);
    if (secret.isEmpty()) {
      return new Result(null, new Problem(BrokerStatusModel.CREDENTIALS_MISSING,
          "Secret " + ref.name() + " named by spec.credentialsSecretRef does not exist in namespace " + namespace
              + ": create it with the keys " + ref.apiKeyKeyOrDefault() + " and " + ref.secretKeyKeyOrDefault()));
    }
    Map<String, String> data = secret.get().getData() == null ? Map.of() : secret.get().getData();
    List<String> missing = List.of(ref.apiKeyKeyOrDefault(), ref.secretKeyKeyOrDefault()).stream()
        .filter(key -> !data.containsKey(key)).toList();
    if (!missing.isEmpty()) {
      return new Result(null, new Problem(BrokerStatusModel.CREDENTIALS_MISSING,
          "Secret " + ref.name() + " lacks the key(s) " + String.join(", ", missing)
              + " named by spec.credentialsSecretRef: add them or point apiKeyKey/secretKeyKey at existing keys"));
    }
    return new Result(digest.of(data), null);
  }

  private static Secret generate(BrokerConnection bc, BrokerInputs draft) {
    return new SecretBuilder()
        .withMetadata(Owners.owned(bc, BrokerNames.simulatorCredentials(bc),
            Labels.of(draft.environment(), Labels.BROKER_SIMULATOR, null)))
        .withType("Opaque")
        .withStringData(Map.of(
            CredentialsSecretRef.DEFAULT_API_KEY_KEY, GeneratedSecrets.randomToken(24),
            CredentialsSecretRef.DEFAULT_SECRET_KEY_KEY, GeneratedSecrets.randomToken(48)))
        .build();
  }

  /**
   * @param hash hash of the credentials' content, null when unusable
   * @param problem why they are unusable, or null
   */
  record Result(String hash, Problem problem) {}
}
