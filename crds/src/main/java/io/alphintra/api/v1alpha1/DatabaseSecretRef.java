package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The Secret that holds the connection details of an external PostgreSQL.
 *
 * @param name Name of the Secret in the environment's namespace.
 * @param urlKey Key of the JDBC URL in the Secret, e.g.
 *     jdbc:postgresql://db.example.com:5432/alphintra.
 * @param usernameKey Key of the database user name in the Secret.
 * @param passwordKey Key of the database password in the Secret.
 */
public record DatabaseSecretRef(
    @Required @Pattern(Patterns.DNS_SUBDOMAIN) String name,
    @Default(DatabaseSecretRef.DEFAULT_URL_KEY) @Pattern(Patterns.SECRET_KEY) String urlKey,
    @Default(DatabaseSecretRef.DEFAULT_USERNAME_KEY) @Pattern(Patterns.SECRET_KEY)
        String usernameKey,
    @Default(DatabaseSecretRef.DEFAULT_PASSWORD_KEY) @Pattern(Patterns.SECRET_KEY)
        String passwordKey) {

  public static final String DEFAULT_URL_KEY = "url";
  public static final String DEFAULT_USERNAME_KEY = "username";
  public static final String DEFAULT_PASSWORD_KEY = "password";

  /** The URL key, defaulted. */
  public String urlKeyOrDefault() {
    return urlKey != null ? urlKey : DEFAULT_URL_KEY;
  }

  /** The user name key, defaulted. */
  public String usernameKeyOrDefault() {
    return usernameKey != null ? usernameKey : DEFAULT_USERNAME_KEY;
  }

  /** The password key, defaulted. */
  public String passwordKeyOrDefault() {
    return passwordKey != null ? passwordKey : DEFAULT_PASSWORD_KEY;
  }
}
