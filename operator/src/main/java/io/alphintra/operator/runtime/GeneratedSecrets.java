package io.alphintra.operator.runtime;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Secrets the operator generates once (passwords, API keys) and never regenerates: they are
 * created, never applied, so a reconcile that runs before the informer saw the first one cannot
 * overwrite it.
 */
public final class GeneratedSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KubernetesClient client;

  public GeneratedSecrets(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The Secret if it exists (informer cache first, then the API server), else the one {@code
   * generate} builds.
   */
  public Secret getOrCreate(
      Optional<Secret> cached, String namespace, String name, Supplier<Secret> generate) {
    if (cached.isPresent()) {
      return cached.get();
    }
    Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
    if (existing != null) {
      return existing;
    }
    try {
      return client.resource(generate.get()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get())
            .orElseThrow(() -> e);
      }
      throw e;
    }
  }

  /** A random URL-safe token of {@code bytes} random bytes. */
  public static String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** A new RSA private key of {@code bits} bits, PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  public static String rsaPrivateKeyPem(int bits) {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(bits, RANDOM);
      byte[] pkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate RSA keys", e);
    }
  }
}
