package io.alphintra.e2e.realnode;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records, from a pod informer, every container of a namespace that terminated and was restarted:
 * its pod, restart count, reason, exit code and termination message (the services' containers end
 * their message with their last log lines, {@code FallbackToLogsOnError}). A rollout aborted for a
 * crash-looping color scales that color to zero and its pods are gone by the time a test dumps the
 * namespace; this keeps why they crashed.
 */
final class ContainerTerminations implements AutoCloseable {
  private final List<String> terminations = new CopyOnWriteArrayList<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final SharedIndexInformer<Pod> informer;

  ContainerTerminations(KubernetesClient client, String namespace) {
    informer =
        client
            .pods()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    record(pod);
                  }

                  @Override
                  public void onUpdate(Pod before, Pod after) {
                    record(after);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknownFinalState) {
                    record(pod);
                  }
                },
                0);
  }

  private void record(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return;
    }
    for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
      ContainerStateTerminated last =
          c.getLastState() == null ? null : c.getLastState().getTerminated();
      if (last == null) {
        continue;
      }
      String key = pod.getMetadata().getName() + "/" + c.getName() + "#" + c.getRestartCount();
      if (seen.add(key)) {
        String line =
            key
                + " terminated at "
                + last.getFinishedAt()
                + ": "
                + last.getReason()
                + ", exit code "
                + last.getExitCode()
                + (last.getMessage() == null ? "" : ", message:\n" + last.getMessage());
        terminations.add(line);
        System.out.println("container terminated: " + line);
      }
    }
  }

  /** One line (and the message after it) per termination seen, in the order seen. */
  List<String> terminations() {
    return List.copyOf(terminations);
  }

  @Override
  public void close() {
    informer.close();
  }
}
