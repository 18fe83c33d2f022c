package io.alphintra.e2e.cluster;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Provider 2: k3s in Docker through Testcontainers. Used only when a Docker engine answers and
 * already has the k3s image, because tests never pull images.
 */
final class K3sClusterProvider implements ClusterProvider {
  private final Toolchain toolchain;
  private final ClusterSettings settings;

  K3sClusterProvider(Toolchain toolchain, ClusterSettings settings) {
    this.toolchain = toolchain;
    this.settings = settings;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.K3S;
  }

  @Override
  public Optional<String> unavailableReason() {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return Optional.of("Testcontainers cannot look for Docker: " + e);
    }
    if (!docker) {
      return Optional.of("no Docker engine is available to Testcontainers");
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd(settings.k3sImage()).exec();
      return Optional.empty();
    } catch (NotFoundException e) {
      return Optional.of(
          "Docker has no local image "
              + settings.k3sImage()
              + " and images are never pulled "
              + "(docker pull it, or choose another with -D"
              + ClusterSettings.K3S_IMAGE_PROPERTY
              + ")");
    } catch (RuntimeException e) {
      return Optional.of("cannot inspect image " + settings.k3sImage() + ": " + e.getMessage());
    }
  }

  @Override
  public Cluster start() {
    K3sContainer k3s = new K3sContainer(DockerImageName.parse(settings.k3sImage()));
    try {
      k3s.start();
      Path kubeconfig = Files.createTempFile("alphintra-k3s", ".kubeconfig");
      Files.writeString(kubeconfig, k3s.getKubeConfigYaml());
      return new Cluster(
          kind(),
          "k3s " + settings.k3sImage() + " in container " + k3s.getContainerId(),
          kubeconfig,
          null,
          toolchain,
          () -> {
            k3s.stop();
            try {
              Files.deleteIfExists(kubeconfig);
            } catch (IOException ignored) {
              // a temp file; the OS cleans it up
            }
          });
    } catch (IOException | RuntimeException e) {
      k3s.stop();
      throw new IllegalStateException(
          "cannot start k3s " + settings.k3sImage() + ": " + e.getMessage(), e);
    }
  }
}
