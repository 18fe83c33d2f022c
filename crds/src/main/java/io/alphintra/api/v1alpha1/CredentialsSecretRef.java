package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The Secret with a venue's API credentials. Its values reach the connector as environment
 * variables only.
 *
 * @param name Name of the Secret in the connection's namespace.
 * @param apiKeyKey Key of the API key in the Secret.
 * @param secretKeyKey Key of the API secret (the HMAC signing key) in the Secret.
 */
public record CredentialsSecretRef(
    @Required @Pattern(Patterns.DNS_SUBDOMAIN) String name,
    @Default(CredentialsSecretRef.DEFAULT_API_KEY_KEY) @Pattern(Patterns.SECRET_KEY)
        String apiKeyKey,
    @Default(CredentialsSecretRef.DEFAULT_SECRET_KEY_KEY) @Pattern(Patterns.SECRET_KEY)
        String secretKeyKey) {

  public static final String DEFAULT_API_KEY_KEY = "apiKey";
  public static final String DEFAULT_SECRET_KEY_KEY = "secretKey";

  /** The API key's key, defaulted. */
  public String apiKeyKeyOrDefault() {
    return apiKeyKey != null ? apiKeyKey : DEFAULT_API_KEY_KEY;
  }

  /** The API secret's key, defaulted. */
  public String secretKeyKeyOrDefault() {
    return secretKeyKey != null ? secretKeyKey : DEFAULT_SECRET_KEY_KEY;
  }
}
