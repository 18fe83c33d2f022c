package io.alphintra.operator.config;

import java.util.function.Function;

/**
 * One setting of the operator: its environment variable, default and description, declared once.
 *
 * @param env the environment variable, always prefixed {@code ALPHINTRA_}
 * @param defaultValue the value when the variable is unset, or null when there is none
 * @param description what it does, as listed in the README
 * @param parser turns the raw text into the typed value; throws IllegalArgumentException on bad
 *     input
 */
public record ConfigOption<T>(
    String env, String defaultValue, String description, Function<String, T> parser) {

  /** The value of this option in {@code source}, or its default. */
  public T read(Function<String, String> source) {
    String raw = source.apply(env);
    String value = raw == null || raw.isBlank() ? defaultValue : raw.trim();
    try {
      return value == null ? null : parser.apply(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          env + "=" + value + " is invalid: " + e.getMessage() + ". " + description, e);
    }
  }
}
