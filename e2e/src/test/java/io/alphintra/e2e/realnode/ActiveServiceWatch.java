package io.alphintra.e2e.realnode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches (fabric8 informers, not polls) the Services and Deployments of a namespace and, on every
 * change of either, records for each active Service the color it selects and whether that color's
 * Deployment had all its pods Ready and at its current template at that moment; and every switch of
 * a Service's color, with its time. The evidence that traffic never went to an unready color: a
 * Service switched to a color whose Deployment was not Ready yet, or a selected color losing a
 * Ready pod, is an event of one of the two watches.
 */
final class ActiveServiceWatch implements AutoCloseable {
  /** One evaluation of one active Service after an event. */
  record Sample(Instant at, String service, String color, boolean colorReady, String deployment) {}

  /**
   * An active Service's selector changing color; {@code toReady}: the color switched to had all its
   * pods Ready at its current template then.
   */
  record Switch(Instant at, String service, String from, String to, boolean toReady) {}

  private final String namespace;
  private final List<String> services;
  private final String colorLabel;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final List<Switch> switches = new CopyOnWriteArrayList<>();
  private final Map<String, String> colors = new HashMap<>();
  private final SharedIndexInformer<Service> serviceInformer;
  private final SharedIndexInformer<Deployment> deploymentInformer;

  ActiveServiceWatch(
      KubernetesClient client, String namespace, List<String> services, String colorLabel) {
    this.namespace = namespace;
    this.services = services;
    this.colorLabel = colorLabel;
    this.serviceInformer = client.services().inNamespace(namespace).inform(new OnAnyChange<>(), 0);
    this.deploymentInformer =
        client.apps().deployments().inNamespace(namespace).inform(new OnAnyChange<>(), 0);
    evaluate();
  }

  private final class OnAnyChange<T extends HasMetadata> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T resource) {
      evaluate();
    }

    @Override
    public void onUpdate(T before, T after) {
      evaluate();
    }

    @Override
    public void onDelete(T resource, boolean unknownFinalState) {
      evaluate();
    }
  }

  private synchronized void evaluate() {
    if (serviceInformer == null || deploymentInformer == null) {
      return;
    }
    Instant now = Instant.now();
    for (String name : services) {
      Service service = serviceInformer.getStore().getByKey(namespace + "/" + name);
      if (service == null || service.getSpec().getSelector() == null) {
        continue;
      }
      String color = service.getSpec().getSelector().get(colorLabel);
      Deployment selected =
          color == null
              ? null
              : deploymentInformer.getStore().getByKey(namespace + "/" + name + "-" + color);
      boolean ready = allReady(selected);
      samples.add(new Sample(now, name, color, ready, describe(selected)));
      String before = colors.put(name, color);
      if (before != null && !before.equals(color)) {
        switches.add(new Switch(now, name, before, color, ready));
      }
    }
  }

  /**
   * Every pod of the Deployment is at its current template and Ready, and there is at least one.
   */
  static boolean allReady(Deployment d) {
    if (d == null || d.getStatus() == null) {
      return false;
    }
    int desired = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
    int total = Optional.ofNullable(d.getStatus().getReplicas()).orElse(0);
    int updated = Optional.ofNullable(d.getStatus().getUpdatedReplicas()).orElse(0);
    int ready = Optional.ofNullable(d.getStatus().getReadyReplicas()).orElse(0);
    return desired > 0 && ready >= desired && updated >= desired && total <= updated;
  }

  private static String describe(Deployment d) {
    if (d == null) {
      return "no Deployment";
    }
    var status = d.getStatus();
    return d.getMetadata().getName()
        + " spec.replicas="
        + d.getSpec().getReplicas()
        + (status == null
            ? " no status"
            : " replicas="
                + status.getReplicas()
                + " updated="
                + status.getUpdatedReplicas()
                + " ready="
                + status.getReadyReplicas());
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  List<Switch> switches() {
    return List.copyOf(switches);
  }

  @Override
  public void close() {
    serviceInformer.close();
    deploymentInformer.close();
  }
}
