package io.alphintra.operator.common;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.Map;

/**
 * Pieces of pod specs that pass the {@code restricted} Pod Security Standard: non-root, read-only
 * root file system with a writable /tmp, no privilege escalation, no capabilities, the runtime's
 * default seccomp profile.
 */
public final class RestrictedPods {
  /** The non-root user the service images run as. */
  public static final long SERVICE_USER = 65532L;

  public static final String TMP_VOLUME = "tmp";

  private RestrictedPods() {}

  public static PodSecurityContext podSecurity(long user) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(user)
        .withRunAsGroup(user)
        .withFsGroup(user)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  public static SecurityContext containerSecurity() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withPrivileged(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /** An emptyDir for a writable path under a read-only root file system. */
  public static Volume scratchVolume(String name, String sizeLimit) {
    return new VolumeBuilder()
        .withName(name)
        .withNewEmptyDir()
        .withSizeLimit(new Quantity(sizeLimit))
        .endEmptyDir()
        .build();
  }

  public static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
  }

  public static ResourceRequirements resources(
      String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
    return new ResourceRequirementsBuilder()
        .withRequests(
            Map.of("cpu", new Quantity(cpuRequest), "memory", new Quantity(memoryRequest)))
        .withLimits(Map.of("cpu", new Quantity(cpuLimit), "memory", new Quantity(memoryLimit)))
        .build();
  }

  /** An HTTP GET probe on the actuator health group at {@code path}. */
  public static Probe httpProbe(String path, int port, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort(port)
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /**
   * Adds the restricted security context and the probes of a Spring Boot service to a container.
   */
  public static Container springBootContainer(ContainerBuilder container, int port) {
    return container
        .withSecurityContext(containerSecurity())
        // Startup allows 150 s for a cold JVM; liveness then restarts a hung process; readiness
        // gates traffic.
        .withStartupProbe(httpProbe("/actuator/health/liveness", port, 5, 30))
        .withLivenessProbe(httpProbe("/actuator/health/liveness", port, 10, 3))
        .withReadinessProbe(httpProbe("/actuator/health/readiness", port, 5, 3))
        .addToVolumeMounts(mount(TMP_VOLUME, "/tmp"))
        // A container that crashes leaves its last log lines in its status
        // (lastState.terminated.message), where kubectl describe and the operator's observers see
        // them after the pod is gone from the logs' reach.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }
}
