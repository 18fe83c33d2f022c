package io.alphintra.operator.runtime;

import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.SecretDigest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The key of this installation's {@link SecretDigest}: random bytes in a Secret of the operator's
 * own namespace, created by the first operator that starts and read by every later one, so digests
 * (and therefore pod templates) stay the same across restarts, upgrades and leader changes.
 */
public final class SecretDigestKey {
  /** Name of the Secret that holds the key, in the operator's namespace. */
  public static final String SECRET_NAME = "alphintra-operator-digest-key";

  static final String KEY = "key";

  private SecretDigestKey() {}

  /** The digest under the installation's key, creating the key the first time. */
  public static SecretDigest load(GeneratedSecrets secrets, String namespace) {
    Secret secret =
        secrets.getOrCreate(
            Optional.empty(),
            namespace,
            SECRET_NAME,
            () ->
                new SecretBuilder()
                    .withNewMetadata()
                    .withName(SECRET_NAME)
                    .withNamespace(namespace)
                    .withLabels(
                        Map.of(Labels.MANAGED_BY, Labels.OPERATOR, Labels.NAME, Labels.OPERATOR))
                    .endMetadata()
                    .withType("Opaque")
                    .withStringData(
                        Map.of(KEY, GeneratedSecrets.randomToken(SecretDigest.MIN_KEY_BYTES)))
                    .build());
    String encoded = secret.getData() == null ? null : secret.getData().get(KEY);
    if (encoded == null) {
      throw new IllegalStateException(
          "Secret "
              + namespace
              + "/"
              + SECRET_NAME
              + " has no key '"
              + KEY
              + "': delete it and restart the operator to generate a new one (every pod with a secret digest rolls once)");
    }
    // The key is the token's text (43 characters carrying 256 random bits).
    return new SecretDigest(Base64.getDecoder().decode(encoded));
  }
}
