package io.alphintra.operator.common;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds the next list of conditions from the previous one: lastTransitionTime moves only when a
 * condition's status flips, so an unchanged status produces an equal list and no status patch.
 */
public final class Conditions {
  private final List<Condition> previous;
  private final List<Condition> next = new ArrayList<>();
  private final long generation;
  private final Instant now;

  public Conditions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Sets a condition; replaces one of the same type set earlier on this builder. */
  public Conditions set(String type, boolean status, String reason, String message) {
    return set(type, status ? ConditionStatus.True : ConditionStatus.False, reason, message);
  }

  /** Sets a condition with an explicit status, e.g. Unknown. */
  public Conditions set(String type, ConditionStatus status, String reason, String message) {
    next.removeIf(c -> c.type().equals(type));
    String since =
        find(previous, type)
            .filter(c -> c.status() == status && c.lastTransitionTime() != null)
            .map(Condition::lastTransitionTime)
            .orElse(now.toString());
    next.add(new Condition(type, status, reason, message, since, generation));
    return this;
  }

  /** The conditions, sorted by type so that equal sets compare equal. */
  public List<Condition> build() {
    return next.stream().sorted(Comparator.comparing(Condition::type)).toList();
  }

  /** The condition of a type in a list, if present. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /**
   * Conditions whose status differs between two lists, by type; used to emit events on transitions.
   */
  public static List<Condition> flipped(List<Condition> before, List<Condition> after) {
    return after.stream()
        .filter(c -> find(before, c.type()).map(b -> b.status() != c.status()).orElse(true))
        .toList();
  }
}
