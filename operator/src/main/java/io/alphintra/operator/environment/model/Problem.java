package io.alphintra.operator.environment.model;

/**
 * Something that keeps an environment from being Ready and that the user must fix.
 *
 * @param reason CamelCase reason, e.g. DatabaseSecretMissing
 * @param message what is wrong and how to fix it; never a secret value
 */
public record Problem(String reason, String message) {
  public static final String DUPLICATE_ENVIRONMENT = "DuplicateEnvironment";
  public static final String DATABASE_SECRET_MISSING = "DatabaseSecretMissing";
}
