package io.alphintra.operator.runtime;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.operator.common.Conditions;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Committing a status, the same way for every controller: the status is written only if it changed
 * (through {@link StatusWriter}, with the resourceVersion the step read); only once it is written
 * do the step's side effects run and its condition flips become metrics and events; then the step
 * is rescheduled by the controller's policy. A step whose write loses the optimistic lock leaves no
 * trace and is decided again {@link #AFTER_CONFLICT}. Every controller's reconcile ends in {@link
 * #commitAndAct}: the status it decided before acting (or none), then its {@link Act}.
 *
 * @param <P> the primary kind
 * @param <S> its status
 */
public final class StatusCommit<P extends CustomResource<?, S>, S> {
  /**
   * A step dropped after losing the optimistic lock is decided again this soon (the winning change
   * also triggers).
   */
  public static final Duration AFTER_CONFLICT = Duration.ofSeconds(1);

  /** Which event, if any, a condition flip becomes. */
  @FunctionalInterface
  public interface FlipEvent {
    /**
     * @param flipped the condition as it now is
     * @param firstStatus whether the resource had no status before this write
     * @return {@link EventRecorder#WARNING}, {@link EventRecorder#NORMAL}, or null for no event
     */
    String typeOf(Condition flipped, boolean firstStatus);
  }

  /**
   * What a controller reports about a written status beyond its condition flips (a phase change as
   * an event and a metric).
   */
  @FunctionalInterface
  public interface Transition<P, S> {
    /** Runs after {@code next} replaced {@code previous} (null for the first status). */
    void written(P resource, S previous, S next);
  }

  /**
   * When the controller looks at the resource again, from whether its written status is Ready; null
   * for never.
   */
  @FunctionalInterface
  public interface Requeue {
    Duration after(boolean ready);
  }

  /**
   * What a step does once the status it decided is written, and only if that write held: the
   * decision's own events and metrics, then the acts that follow from it, whose result is written
   * too.
   *
   * @param <P> the primary kind
   * @param <S> its status
   */
  public interface Act<P, S> {
    /**
     * Runs right after the decided status is written, before its condition flips are reported
     * (events and metrics of the decision itself); not when nothing was decided to be written.
     */
    default void announce() {}

    /**
     * Acts on the resource as written (as read, when nothing was decided to be written first).
     *
     * @return the status observed after acting, and when to look again
     */
    Acted<S> act(P written);
  }

  /**
   * What acting produced.
   *
   * @param status the status observed after acting
   * @param requeue when to look again
   */
  public record Acted<S>(S status, Requeue requeue) {}

  private final Function<S, List<Condition>> conditions;
  private final FlipEvent flipEvent;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Transition<P, S> transition;

  /**
   * @param conditions the conditions of a status
   * @param flipEvent which event a condition flip becomes
   */
  public StatusCommit(
      Function<S, List<Condition>> conditions,
      FlipEvent flipEvent,
      EventRecorder events,
      OperatorMetrics metrics) {
    this(conditions, flipEvent, events, metrics, (resource, previous, next) -> {});
  }

  /**
   * @param transition reports each written status after its condition flips
   */
  public StatusCommit(
      Function<S, List<Condition>> conditions,
      FlipEvent flipEvent,
      EventRecorder events,
      OperatorMetrics metrics,
      Transition<P, S> transition) {
    this.conditions = conditions;
    this.flipEvent = flipEvent;
    this.events = events;
    this.metrics = metrics;
    this.transition = transition;
  }

  /**
   * Writes {@code status} if it differs from the observed one; after a write that succeeded, runs
   * {@code then} and reports the condition flips.
   *
   * @return the resource as it now is (the observed one when nothing changed), or empty when the
   *     write lost the lock
   */
  private Optional<P> write(P observed, S status, Context<P> context, Runnable then) {
    S previous = observed.getStatus();
    if (status.equals(previous)) {
      return Optional.of(observed);
    }
    Optional<P> written = StatusWriter.write(observed, status, context);
    if (written.isPresent()) {
      then.run();
      reportFlips(observed, previous, status);
      transition.written(observed, previous, status);
    }
    return written;
  }

  /**
   * One step of a controller that acts on what it decided: writes {@code decided} (when not null
   * and changed); only if that held, announces it and acts on the resource as written; then writes
   * what acting observed and reschedules. A lost lock at either write ends the step there.
   */
  public UpdateControl<P> commitAndAct(P observed, S decided, Context<P> context, Act<P, S> act) {
    Optional<P> written =
        decided == null ? Optional.of(observed) : write(observed, decided, context, act::announce);
    if (written.isEmpty()) {
      return afterConflict();
    }
    Acted<S> acted = act.act(written.get());
    return commit(written.get(), acted.status(), context, acted.requeue());
  }

  /**
   * Writes {@code status} if it changed, then reschedules by {@code requeue} (or soon, when the
   * write lost the lock).
   */
  private UpdateControl<P> commit(P observed, S status, Context<P> context, Requeue requeue) {
    if (write(observed, status, context, () -> {}).isEmpty()) {
      return afterConflict();
    }
    Duration after = requeue.after(ready(status));
    UpdateControl<P> control = UpdateControl.noUpdate();
    return after == null ? control : control.rescheduleAfter(after);
  }

  /** The step lost the optimistic lock: nothing of it happened, it is decided again soon. */
  private UpdateControl<P> afterConflict() {
    return UpdateControl.<P>noUpdate().rescheduleAfter(AFTER_CONFLICT);
  }

  private boolean ready(S status) {
    return Conditions.find(conditions.apply(status), Condition.READY)
        .map(Condition::holds)
        .orElse(false);
  }

  private void reportFlips(P resource, S previous, S next) {
    List<Condition> before = previous == null ? List.of() : conditions.apply(previous);
    for (Condition flipped : Conditions.flipped(before, conditions.apply(next))) {
      metrics.conditionChanged(resource.getKind(), flipped.type(), flipped.status().name());
      String type = flipEvent.typeOf(flipped, previous == null);
      if (type != null) {
        events.record(resource, type, flipped.reason(), flipped.message());
      }
    }
  }
}
