package io.alphintra.operator.runtime;

import io.alphintra.operator.common.Problem;
import io.alphintra.operator.common.SecretDigest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Secrets a controller's children read credentials from: a user's Secret named by a reference,
 * checked for the keys it must hold, or one the operator generates once. Either becomes a keyed
 * digest of its content (a child carries it so it restarts when the content changes) or the problem
 * that makes it unusable; nothing else of the content leaves this class.
 */
public final class CredentialSecrets {
  private final GeneratedSecrets secrets;
  private final SecretDigest digest;

  public CredentialSecrets(KubernetesClient client, SecretDigest digest) {
    this.secrets = new GeneratedSecrets(client);
    this.digest = digest;
  }

  /**
   * The generated Secret {@code name} (from {@code owner}'s owned Secrets, else created by {@code
   * generate}).
   */
  public <P extends HasMetadata> Resolved generated(
      P owner, Context<P> context, String name, Supplier<Secret> generate) {
    Optional<Secret> cached =
        context
            .getSecondaryResourcesAsStream(Secret.class)
            .filter(s -> name.equals(s.getMetadata().getName()))
            .findFirst();
    Secret secret = secrets.getOrCreate(cached, owner.getMetadata().getNamespace(), name, generate);
    return new Resolved(digest.of(secret.getData()), null);
  }

  /**
   * The user's Secret that {@code reference} names in {@code referrer}.
   *
   * @param keys the keys it must hold, as the referrer's spec names them
   * @param keyFields the spec fields that rename those keys, for the message, e.g. {@code
   *     apiKeyKey/secretKeyKey}
   * @param reason the problem's reason when the Secret or a key is missing
   */
  public <P extends HasMetadata> Resolved referenced(
      P referrer,
      Context<P> context,
      NamedReference<Secret, P> reference,
      List<String> keys,
      String keyFields,
      String reason) {
    String name = reference.nameIn(referrer);
    Optional<Secret> secret = reference.resolve(referrer, context);
    if (secret.isEmpty()) {
      return new Resolved(
          null,
          new Problem(
              reason,
              "Secret "
                  + name
                  + " named by "
                  + reference.field()
                  + " does not exist in namespace "
                  + referrer.getMetadata().getNamespace()
                  + ": create it with the keys "
                  + enumerate(keys)));
    }
    Map<String, String> data = secret.get().getData() == null ? Map.of() : secret.get().getData();
    List<String> missing = keys.stream().filter(key -> !data.containsKey(key)).toList();
    if (!missing.isEmpty()) {
      return new Resolved(
          null,
          new Problem(
              reason,
              "Secret "
                  + name
                  + " lacks the key(s) "
                  + String.join(", ", missing)
                  + " named by "
                  + reference.field()
                  + ": add them or point "
                  + keyFields
                  + " at existing keys"));
    }
    return new Resolved(digest.of(data), null);
  }

  /** "a", "a and b", "a, b and c". */
  private static String enumerate(List<String> keys) {
    if (keys.size() == 1) {
      return keys.get(0);
    }
    return String.join(", ", keys.subList(0, keys.size() - 1))
        + " and "
        + keys.get(keys.size() - 1);
  }

  /**
   * @param hash keyed digest of the Secret's content, null when unusable
   * @param problem why the Secret is unusable, or null
   */
  public record Resolved(String hash, Problem problem) {}
}
