package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.EnvironmentStatusModel;
import io.alphintra.operator.environment.model.ManagedPostgres;
import io.alphintra.operator.runtime.CredentialSecrets;
import io.alphintra.operator.runtime.GeneratedSecrets;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/**
 * The database Secret of an environment: the user's Secret of an external PostgreSQL, checked for
 * its keys, or the generated Secret of the managed one, created once and never regenerated. Only
 * keyed digests of the content leave here.
 */
final class DatabaseCredentials {
  private final CredentialSecrets secrets;

  DatabaseCredentials(KubernetesClient client, SecretDigest digest) {
    this.secrets = new CredentialSecrets(client, digest);
  }

  /** The digest of the database Secret's content, or the problem that makes it unusable. */
  CredentialSecrets.Resolved resolve(EnvironmentInputs in, Context<TradingEnvironment> context) {
    TradingEnvironment te = in.environment();
    DatabaseSecretRef ref = in.plan().externalDatabase();
    if (ref == null) {
      return secrets.generated(
          te,
          context,
          EnvironmentNames.postgresSecret(te),
          () -> ManagedPostgres.credentials(in, GeneratedSecrets.randomToken(24)));
    }
    return secrets.referenced(
        te,
        context,
        EnvironmentEventSources.DATABASE_SECRET,
        List.of(ref.urlKeyOrDefault(), ref.usernameKeyOrDefault(), ref.passwordKeyOrDefault()),
        "urlKey/usernameKey/passwordKey",
        EnvironmentStatusModel.DATABASE_SECRET_MISSING);
  }
}
