package io.alphintra.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Applies a reconcile's children in waves by kind, the children of one wave concurrently (at most
 * {@code perReconcile} at once), so a reconcile costs a few API round trips instead of one per
 * child:
 *
 * <ol>
 *   <li>ServiceAccounts, ConfigMaps, Secrets: what the pods run as and read; and NetworkPolicies,
 *       so no new pod ever runs before the policies that confine it;
 *   <li>Services: all of them switch before any workload is scaled, so no Service is left selecting
 *       a color that is going away;
 *   <li>Deployments and StatefulSets;
 *   <li>everything else (autoscalers, disruption budgets), after the workloads they refer to.
 * </ol>
 *
 * A wave starts only once every apply of the one before returned; within a wave, order means
 * nothing (two applies a few milliseconds apart guarantee nothing to pods that take seconds to
 * start). A failed apply fails the call with its own exception once the rest of its wave has
 * returned, and no later wave starts; no apply is left running when the call returns, except after
 * an interrupt, which cancels them.
 */
public final class ApplyWaves implements AutoCloseable {
  private static final List<Set<String>> WAVES =
      List.of(
          Set.of("ServiceAccount", "ConfigMap", "Secret", "NetworkPolicy"),
          Set.of("Service"),
          Set.of("Deployment", "StatefulSet"));

  private final int perReconcile;

  /**
   * Runs all applies but one of each wave; the reconcile's own thread runs the other. Null when
   * sequential.
   */
  private final ExecutorService pool;

  private ApplyWaves(int perReconcile, ExecutorService pool) {
    this.perReconcile = perReconcile;
    this.pool = pool;
  }

  /** One apply at a time, on the caller's thread: the children in wave order. */
  public static ApplyWaves sequential() {
    return new ApplyWaves(1, null);
  }

  /**
   * Up to {@code perReconcile} applies at once in each of up to {@code reconciles} concurrent
   * reconciles; the pool's threads stop when idle.
   */
  public static ApplyWaves concurrent(int perReconcile, int reconciles) {
    if (perReconcile <= 1) {
      return sequential();
    }
    int threads = (perReconcile - 1) * reconciles;
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "alphintra-apply-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return new ApplyWaves(perReconcile, pool);
  }

  /** The wave {@code kind} is applied in: 0 first. */
  public static int wave(String kind) {
    for (int i = 0; i < WAVES.size(); i++) {
      if (WAVES.get(i).contains(kind)) {
        return i;
      }
    }
    return WAVES.size();
  }

  /**
   * Runs {@code apply} on each child, wave after wave; returns its results in the order of {@code
   * children}.
   */
  public <T> List<T> apply(List<? extends HasMetadata> children, Function<HasMetadata, T> apply) {
    Object[] results = new Object[children.size()];
    for (int wave = 0; wave <= WAVES.size(); wave++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < children.size(); i++) {
        if (wave(children.get(i).getKind()) == wave) {
          members.add(i);
        }
      }
      if (!members.isEmpty()) {
        run(new Wave(children, members, apply, results));
      }
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) Arrays.asList(results);
    return list;
  }

  private void run(Wave wave) {
    int workers = pool == null ? 1 : Math.min(perReconcile, wave.members.size());
    List<Future<?>> others = new ArrayList<>(workers - 1);
    try {
      for (int i = 1; i < workers; i++) {
        others.add(pool.submit(wave::work));
      }
    } catch (RejectedExecutionException stopping) {
      // The operator is stopping: this thread applies the rest of the wave itself.
    }
    wave.work();
    try {
      for (Future<?> other : others) {
        other.get(); // work() records its failure instead of throwing
      }
    } catch (InterruptedException e) {
      wave.stop.set(true);
      others.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while applying children", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // not thrown: work() catches everything
    }
    Throwable failure;
    synchronized (wave) {
      failure = wave.failure;
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error err) {
      throw err;
    }
  }

  /** One wave: its workers take the next child until none is left or one failed. */
  private static final class Wave {
    private final List<? extends HasMetadata> children;
    private final List<Integer> members;
    private final Function<HasMetadata, ?> apply;
    private final Object[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();

    /**
     * The first failure; later ones are attached to it as suppressed. Written under {@code this}.
     */
    private Throwable failure;

    Wave(
        List<? extends HasMetadata> children,
        List<Integer> members,
        Function<HasMetadata, ?> apply,
        Object[] results) {
      this.children = children;
      this.members = members;
      this.apply = apply;
      this.results = results;
    }

    void work() {
      for (int n = next.getAndIncrement();
          n < members.size() && !stop.get();
          n = next.getAndIncrement()) {
        int index = members.get(n);
        try {
          results[index] = apply.apply(children.get(index));
        } catch (RuntimeException | Error e) {
          stop.set(true);
          synchronized (this) {
            if (failure == null) {
              failure = e;
            } else if (failure != e) {
              failure.addSuppressed(e);
            }
          }
        }
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
