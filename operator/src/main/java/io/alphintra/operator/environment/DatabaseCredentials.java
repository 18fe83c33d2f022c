package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Hashes;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.ManagedPostgres;
import io.alphintra.operator.environment.model.Problem;
import io.alphintra.operator.runtime.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The database Secret of an environment: the user's Secret of an external PostgreSQL, checked for its keys, or the
 * generated Secret of the managed one, created once and never regenerated. Only hashes of the content leave here.
 */
final class DatabaseCredentials {
  private final KubernetesClient client;
  private final GeneratedSecrets secrets;

  DatabaseCredentials(KubernetesClient client) {
    this.client = client;
    this.secrets = new GeneratedSecrets(client);
  }

  /**
   * The hash of the database Secret's content, or the problem that makes it unusable.
   *
   * @param cached looks a Secret up by name in the informer cache
   */
  Result resolve(EnvironmentInputs in, Function<String, Optional<Secret>> cached) {
    TradingEnvironment te = in.environment();
    DatabaseSecretRef ref = in.plan().externalDatabase();
    if (ref == null) {
      Secret secret = createOnce(in, cached.apply(EnvironmentNames.postgresSecret(te)));
      return new Result(Hashes.of(secret.getData()), null);
    }
    Optional<Secret> secret = cached.apply(ref.name()).or(() -> get(te, ref.name()));
    if (secret.isEmpty()) {
      return new Result(null, new Problem(Problem.DATABASE_SECRET_MISSING,
          "Secret " + ref.name() + " named by spec.database.secretRef does not exist in namespace "
              + te.getMetadata().getNamespace() + ": create it with the keys " + ref.urlKeyOrDefault() + ", "
              + ref.usernameKeyOrDefault() + " and " + ref.passwordKeyOrDefault()));
    }
    Map<String, String> data = secret.get().getData() == null ? Map.of() : secret.get().getData();
    List<String> missing = List.of(ref.urlKeyOrDefault(), ref.usernameKeyOrDefault(), ref.passwordKeyOrDefault())
        .stream().filter(k -> !data.containsKey(k)).toList();
    if (!missing.isEmpty()) {
      return new Result(null, new Problem(Problem.DATABASE_SECRET_MISSING,
          "Secret " + ref.name() + " lacks the key(s) " + String.join(", ", missing)
              + " named by spec.database.secretRef: add them or point urlKey/usernameKey/passwordKey at existing keys"));
    }
    return new Result(Hashes.of(data), null);
  }

  private Optional<Secret> get(TradingEnvironment te, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(te.getMetadata().getNamespace()).withName(name).get());
  }

  private Secret createOnce(EnvironmentInputs in, Optional<Secret> cached) {
    TradingEnvironment te = in.environment();
    return secrets.getOrCreate(cached, te.getMetadata().getNamespace(), EnvironmentNames.postgresSecret(te),
        () -> ManagedPostgres.credentials(in, GeneratedSecrets.randomToken(24)));
  }

  /**
   * @param hash hash of the Secret's content, null when unusable
   * @param problem why the Secret is unusable, or null
   */
  record Result(String hash, Problem problem) {}
}
