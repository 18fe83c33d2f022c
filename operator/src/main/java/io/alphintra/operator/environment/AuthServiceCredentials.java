package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Hashes;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.environment.model.AuthServiceSecrets;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.runtime.CredentialSecrets;
import io.alphintra.operator.runtime.GeneratedSecrets;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * auth-service's signing-key and admin Secrets of an environment, generated once (the RSA key and
 * the password only when the Secret is created) and never regenerated. Only a digest of their
 * content leaves here.
 */
final class AuthServiceCredentials {
  private static final int RSA_BITS = 2048;
  private static final DateTimeFormatter KID_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final CredentialSecrets secrets;
  private final Clock clock;

  AuthServiceCredentials(KubernetesClient client, SecretDigest digest, Clock clock) {
    this.secrets = new CredentialSecrets(client, digest);
    this.clock = clock;
  }

  /** The digest of both Secrets' content, creating whichever does not exist yet. */
  String resolve(EnvironmentInputs in, Context<TradingEnvironment> context) {
    TradingEnvironment te = in.environment();
    var keys =
        secrets.generated(
            te,
            context,
            EnvironmentNames.authSigningKeySecret(te),
            () ->
                AuthServiceSecrets.signingKey(
                    in, newKid(), GeneratedSecrets.rsaPrivateKeyPem(RSA_BITS)));
    var admin =
        secrets.generated(
            te,
            context,
            EnvironmentNames.authAdminSecret(te),
            () -> AuthServiceSecrets.admin(in, GeneratedSecrets.randomToken(24)));
    return Hashes.of(Map.of("signing-key", keys.hash(), "admin", admin.hash()));
  }

  /** A kid that sorts by creation day, e.g. {@code 20261130-q3Zx9k1A}. */
  private String newKid() {
    return KID_DATE.format(clock.instant()) + "-" + GeneratedSecrets.randomToken(6);
  }
}
