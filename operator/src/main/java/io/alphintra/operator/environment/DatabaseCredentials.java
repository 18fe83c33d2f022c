package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.environment.model.EnvironmentHealth;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.ManagedPostgres;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.runtime.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database Secret of an environment: the user's Secret of an external PostgreSQL, checked for its keys, or the
 * generated Secret of the managed one, created once and never regenerated. Only keyed digests of the content leave here.
 */
final class DatabaseCredentials {
  private final GeneratedSecrets secrets;
  private final SecretDigest digest;

  DatabaseCredentials(KubernetesClient client, SecretDigest digest) {
    this.secrets = new GeneratedSecrets(client);
    this.digest = digest;
  }

  /** The digest of the database Secret's content, or the problem that makes it unusable. */
  Result resolve(EnvironmentInputs in, Context<TradingEnvironment> context) {
    TradingEnvironment te = in.environment();
    DatabaseSecretRef ref = in.plan().externalDatabase();
    if (ref == null) {
      String name = EnvironmentNames.postgresSecret(te);
      Optional<Secret> cached = context.getSecondaryResourcesAsStream(Secret.class)
          .filter(s -> name.equals(s.getMetadata().getName())).findFirst();
      Secret secret = secrets.getOrCreate(cached, te.getMetadata().getNamespace(), name,
          () -> ManagedPostgres.credentials(in, GeneratedSecrets.randomToken(24)));
      return new Result(digest.of(secret.getData()), null);
    }
    Optional<Secret> secret = EnvironmentEventSources.DATABASE_SECRET.resolve(te, context);
    if (secret.isEmpty()) {
      return new Result(null, new Problem(EnvironmentHealth.DATABASE_SECRET_MISSING,
          "Secret " + ref.name() + " named by spec.database.secretRef does not exist in namespace "
              + te.getMetadata().getNamespace() + ": create it with the keys " + ref.urlKeyOrDefault() + ", "
              + ref.usernameKeyOrDefault() + " and " + ref.passwordKeyOrDefault()));
    }
    Map<String, String> data = secret.get().getData() == null ? Map.of() : secret.get().getData();
    List<String> missing = List.of(ref.urlKeyOrDefault(), ref.usernameKeyOrDefault(), ref.passwordKeyOrDefault())
        .stream().filter(k -> !data.containsKey(k)).toList();
    if (!missing.isEmpty()) {
      return new Result(null, new Problem(EnvironmentHealth.DATABASE_SECRET_MISSING,
          "Secret " + ref.name() + " lacks the key(s) " + String.join(", ", missing)
              + " named by spec.database.secretRef: add them or point urlKey/usernameKey/passwordKey at existing keys"));
    }
    return new Result(digest.of(data), null);
  }

  /**
   * @param hash hash of the Secret's content, null when unusable
   * @param problem why the Secret is unusable, or null
   */
  record Result(String hash, Problem problem) {}
}
