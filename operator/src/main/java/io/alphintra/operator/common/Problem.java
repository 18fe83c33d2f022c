package io.alphintra.operator.common;

/**
 * Something that keeps a resource from being Ready and that the user must fix (a missing referenced
 * object, a Secret without the keys it needs, a rival resource). Each controller's status model
 * names its reasons.
 *
 * @param reason CamelCase reason, e.g. DatabaseSecretMissing
 * @param message what is wrong and how to fix it; never a secret value
 */
public record Problem(String reason, String message) {}
