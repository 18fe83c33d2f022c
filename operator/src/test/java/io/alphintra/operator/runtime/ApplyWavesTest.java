package io.alphintra.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The children of one reconcile: concurrent within a kind's wave, Services strictly before
 * Deployments.
 */
class ApplyWavesTest {
  private final ApplyWaves waves = ApplyWaves.concurrent(4, 2);

  @AfterEach
  void stopPool() {
    waves.close();
  }

  /**
   * The children of a blue-green environment in the order the model lists them, one service after
   * the other.
   */
  private static List<HasMetadata> environment() {
    List<HasMetadata> children = new ArrayList<>();
    for (String service : List.of("auth-service", "trading-api")) {
      children.add(
          new ServiceAccountBuilder().withNewMetadata().withName(service).endMetadata().build());
      children.add(
          new ConfigMapBuilder().withNewMetadata().withName(service).endMetadata().build());
      children.add(new ServiceBuilder().withNewMetadata().withName(service).endMetadata().build());
      children.add(
          new ServiceBuilder()
              .withNewMetadata()
              .withName(service + "-preview")
              .endMetadata()
              .build());
      children.add(
          new DeploymentBuilder()
              .withNewMetadata()
              .withName(service + "-blue")
              .endMetadata()
              .build());
      children.add(
          new DeploymentBuilder()
              .withNewMetadata()
              .withName(service + "-green")
              .endMetadata()
              .build());
      children.add(
          new HorizontalPodAutoscalerBuilder()
              .withNewMetadata()
              .withName(service)
              .endMetadata()
              .build());
      children.add(
          new PodDisruptionBudgetBuilder()
              .withNewMetadata()
              .withName(service)
              .endMetadata()
              .build());
    }
    children.add(
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName("default-deny")
            .endMetadata()
            .build());
    return children;
  }

  @Test
  void everyServiceSwitchesBeforeAnyDeploymentScalesAndAWaveRunsUpToTheBoundAtOnce() {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    // The Services wait until two of them run at once; the last wave (four children) until four do.
    CountDownLatch twoServices = new CountDownLatch(2);
    CountDownLatch fourOfTheLastWave = new CountDownLatch(4);
    List<HasMetadata> children = environment();

    List<String> results =
        waves.apply(
            children,
            child -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              log.add("start " + child.getKind());
              switch (ApplyWaves.wave(child.getKind())) {
                case 1 -> awaitOthers(twoServices);
                case 3 -> awaitOthers(fourOfTheLastWave);
                default -> {}
              }
              log.add("end " + child.getKind());
              running.decrementAndGet();
              return ChildApplier.key(child);
            });

    assertThat(results)
        .as("in the order of the children")
        .containsExactlyElementsOf(children.stream().map(ChildApplier::key).toList());
    assertThat(lastIndexOf(log, "end ServiceAccount", "end ConfigMap", "end NetworkPolicy"))
        .as("no workload runs before the policies that confine it")
        .isLessThan(firstIndexOf(log, "start Service"));
    assertThat(lastIndexOf(log, "end Service")).isLessThan(firstIndexOf(log, "start Deployment"));
    assertThat(lastIndexOf(log, "end Deployment"))
        .isLessThan(
            firstIndexOf(log, "start HorizontalPodAutoscaler", "start PodDisruptionBudget"));
    assertThat(mostAtOnce.get()).as("applies running at once, bound 4").isEqualTo(4);
  }

  /**
   * Counts this apply in and waits for the rest of the latch; fails the apply when they never come.
   */
  private static void awaitOthers(CountDownLatch latch) {
    latch.countDown();
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the other applies of this wave did not run alongside");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aFailedApplyFailsTheCallWithItsOwnExceptionOnceItsWaveReturnedAndStartsNoLaterWave() {
    KubernetesClientException refused =
        new KubernetesClientException("Service trading-api-preview is invalid", 422, null);
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger running = new AtomicInteger();
    CountDownLatch failed = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                waves.apply(
                    environment(),
                    child -> {
                      running.incrementAndGet();
                      started.add(ChildApplier.key(child));
                      try {
                        if (child.getMetadata().getName().equals("trading-api-preview")) {
                          failed.countDown();
                          throw refused;
                        }
                        if (child.getKind().equals("Service")) {
                          // still running when its neighbour fails: the call must wait for it
                          awaitOthers(failed);
                        }
                        return child;
                      } finally {
                        running.decrementAndGet();
                      }
                    }))
        .isSameAs(refused);

    assertThat(running.get()).as("applies still running when the call failed").isZero();
    assertThat(started)
        .contains("Service/auth-service", "Service/trading-api-preview")
        .noneMatch(
            key -> key.startsWith("Deployment/") || key.startsWith("HorizontalPodAutoscaler/"));
  }

  @Test
  void anInterruptedReconcileCancelsItsAppliesAndStaysInterrupted() throws Exception {
    CountDownLatch poolStarted = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    AtomicInteger cancelled = new AtomicInteger();
    AtomicReference<Thread> reconcile = new AtomicReference<>();
    Function<HasMetadata, Object> blocking =
        child -> {
          try {
            if (Thread.currentThread() == reconcile.get()) {
              // the reconcile's own share ends once the pool holds one, then it waits for the
              // pool's
              poolStarted.await();
              return child;
            }
            poolStarted.countDown();
            released.await();
            return child;
          } catch (InterruptedException e) {
            cancelled.incrementAndGet();
            Thread.currentThread().interrupt(); // as the client does
            throw new KubernetesClientException("interrupted", e);
          }
        };
    try (ExecutorService reconciles = Executors.newSingleThreadExecutor()) {
      Future<Throwable> outcome =
          reconciles.submit(
              () -> {
                reconcile.set(Thread.currentThread());
                try {
                  waves.apply(environment(), blocking);
                  return new AssertionError("returned although its applies were blocked");
                } catch (RuntimeException e) {
                  return Interruptions.interrupted(e) && Thread.currentThread().isInterrupted()
                      ? e
                      : new AssertionError("not an interruption", e);
                }
              });
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  poolStarted.getCount() == 0
                      && reconcile.get().getState() == Thread.State.WAITING);
      reconcile.get().interrupt();

      assertThat(outcome.get(10, TimeUnit.SECONDS)).isNotInstanceOf(AssertionError.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.get() > 0);
    } finally {
      released.countDown();
    }
  }

  @Test
  void sequentialAppliesOneChildAtATimeOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    List<String> order = new ArrayList<>();
    try (ApplyWaves sequential = ApplyWaves.sequential()) {
      sequential.apply(
          environment(),
          child -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            order.add(child.getKind());
            return child;
          });
    }
    assertThat(order)
        .containsExactly(
            "ServiceAccount",
            "ConfigMap",
            "ServiceAccount",
            "ConfigMap",
            "NetworkPolicy",
            "Service",
            "Service",
            "Service",
            "Service",
            "Deployment",
            "Deployment",
            "Deployment",
            "Deployment",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget");
  }

  private static int firstIndexOf(List<String> log, String... prefixes) {
    for (int i = 0; i < log.size(); i++) {
      for (String prefix : prefixes) {
        if (log.get(i).equals(prefix)) {
          return i;
        }
      }
    }
    throw new AssertionError("none of " + List.of(prefixes) + " in " + log);
  }

  private static int lastIndexOf(List<String> log, String... prefixes) {
    for (int i = log.size() - 1; i >= 0; i--) {
      for (String prefix : prefixes) {
        if (log.get(i).equals(prefix)) {
          return i;
        }
      }
    }
    throw new AssertionError("none of " + List.of(prefixes) + " in " + log);
  }
}
