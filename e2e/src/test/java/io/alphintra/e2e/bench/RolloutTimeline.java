package io.alphintra.e2e.bench;

import io.alphintra.api.v1alpha1.RolloutStatus;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a rollout looked like from outside, as watch events arrive: every change of an active
 * Service's color selector and every rollout status the operator wrote, each stamped with the
 * moment it was received.
 */
final class RolloutTimeline implements AutoCloseable {
  /** A Service's selector pointed at {@code color} from {@code at} on. */
  record SelectorChange(Instant at, String service, String color) {}

  /** The rollout status written to the TradingEnvironment, as received at {@code at}. */
  record RolloutSnapshot(Instant at, RolloutStatus rollout) {}

  private final List<SelectorChange> selectors = new CopyOnWriteArrayList<>();
  private final List<RolloutSnapshot> rollouts = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<TradingEnvironment> environments;

  RolloutTimeline(KubernetesClient client, String namespace, String environment) {
    services =
        client
            .services()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Service service) {
                    selectorSeen(service);
                  }

                  @Override
                  public void onUpdate(Service before, Service after) {
                    if (!Objects.equals(color(before), color(after))) {
                      selectorSeen(after);
                    }
                  }

                  @Override
                  public void onDelete(Service service, boolean unknownFinalState) {}
                });
    environments =
        client
            .resources(TradingEnvironment.class)
            .inNamespace(namespace)
            .withName(environment)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(TradingEnvironment te) {
                    statusSeen(te);
                  }

                  @Override
                  public void onUpdate(TradingEnvironment before, TradingEnvironment after) {
                    statusSeen(after);
                  }

                  @Override
                  public void onDelete(TradingEnvironment te, boolean unknownFinalState) {}
                });
  }

  private void selectorSeen(Service service) {
    selectors.add(
        new SelectorChange(Instant.now(), service.getMetadata().getName(), color(service)));
  }

  private void statusSeen(TradingEnvironment te) {
    if (te.getStatus() != null && te.getStatus().rollout() != null) {
      RolloutStatus rollout = te.getStatus().rollout();
      if (rollouts.isEmpty() || !rollouts.getLast().rollout().equals(rollout)) {
        rollouts.add(new RolloutSnapshot(Instant.now(), rollout));
      }
    }
  }

  private static String color(Service service) {
    return service == null || service.getSpec().getSelector() == null
        ? null
        : service.getSpec().getSelector().get(Labels.COLOR);
  }

  /**
   * When every one of {@code services} had switched to {@code color} after {@code after}: the first
   * and the last of those switches, or empty while one has not switched yet.
   */
  Optional<Instant[]> switched(List<String> services, String color, Instant after) {
    Instant first = null;
    Instant last = null;
    for (String service : services) {
      Optional<Instant> at =
          selectors.stream()
              .filter(
                  c ->
                      c.service().equals(service)
                          && color.equals(c.color())
                          && !c.at().isBefore(after))
              .map(SelectorChange::at)
              .findFirst();
      if (at.isEmpty()) {
        return Optional.empty();
      }
      first = first == null || at.get().isBefore(first) ? at.get() : first;
      last = last == null || at.get().isAfter(last) ? at.get() : last;
    }
    return Optional.of(new Instant[] {first, last});
  }

  /** The rollout statuses received so far for {@code version}, oldest first. */
  List<RolloutStatus> rolloutsOf(String version) {
    return rollouts.stream()
        .map(RolloutSnapshot::rollout)
        .filter(r -> version.equals(r.toVersion()))
        .toList();
  }

  @Override
  public void close() {
    services.close();
    environments.close();
  }
}
