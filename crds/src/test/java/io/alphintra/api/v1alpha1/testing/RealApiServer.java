package io.alphintra.api.v1alpha1.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real kube-apiserver and etcd (fabric8 kube-api-test), offline, from the binaries the toolchain
 * script built (e2e/toolchain/k8s-toolchain.sh), with the generated CRDs installed.
 */
public final class RealApiServer implements AutoCloseable {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private final KubeAPIServer server;
  private final KubernetesClient client;

  private RealApiServer(KubeAPIServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  /**
   * Starts an API server and installs the CRDs; fails with the command to run when the binaries are
   * missing.
   */
  public static RealApiServer start() {
    String version = kubernetesVersion();
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(version)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "kube-api-test could not start kube-apiserver "
              + version
              + " offline; build the binaries first: bash e2e/toolchain/k8s-toolchain.sh",
          e);
    }
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
            .build();
    RealApiServer api = new RealApiServer(server, client);
    api.installCrds();
    return api;
  }

  public KubernetesClient client() {
    return client;
  }

  /** A second, independent client, e.g. for an operator that closes its client when it stops. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
        .build();
  }

  /** A fresh namespace with a random name. */
  public String newNamespace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /** The CRD YAML files at the repository's crds/ folder. */
  public static List<Path> crdFiles() {
    try (Stream<Path> files = Files.list(REPO.resolve("crds"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void installCrds() {
    for (Path file : crdFiles()) {
      try (InputStream in = Files.newInputStream(file)) {
        List<HasMetadata> items = client.load(in).items();
        for (HasMetadata item : items) {
          client.resource(item).serverSideApply();
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(item.getMetadata().getName())
              .waitUntilCondition(RealApiServer::established, 60, TimeUnit.SECONDS);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** A kubeconfig file for this server, for command-line tools such as kubectl. */
  public Path writeKubeconfig() {
    try {
      Path file = Files.createTempFile("kube-api-test", ".kubeconfig");
      file.toFile().deleteOnExit();
      Files.writeString(file, server.getKubeConfigYaml());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The toolchain's kubectl, built by e2e/toolchain/k8s-toolchain.sh. */
  public static Path kubectl() {
    return toolchainBinary("kubectl");
  }

  /** A binary the toolchain script built (kubectl, helm, ...). */
  public static Path toolchainBinary(String name) {
    String cache =
        System.getenv()
            .getOrDefault(
                "ALPHINTRA_K8S_CACHE", System.getProperty("user.home") + "/.cache/alphintra/k8s");
    return Path.of(cache, "v" + kubernetesVersion(), "bin", name);
  }

  /** The repository's root directory. */
  public static Path repository() {
    return REPO;
  }

  /** The Kubernetes version pinned in e2e/toolchain/versions.env, without the leading v. */
  public static String kubernetesVersion() {
    Properties versions = new Properties();
    try (InputStream in = Files.newInputStream(REPO.resolve("e2e/toolchain/versions.env"))) {
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions.getProperty("KUBERNETES_VERSION").replaceFirst("^v", "");
  }

  @Override
  public void close() {
    client.close();
    server.stop();
  }
}
