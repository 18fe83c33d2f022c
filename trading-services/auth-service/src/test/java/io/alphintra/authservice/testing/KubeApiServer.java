package io.alphintra.authservice.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

/**
 * One real kube-apiserver and etcd per test JVM (fabric8 kube-api-test, offline, from the binaries
 * of e2e/toolchain/k8s-toolchain.sh), stopped when the JVM exits. Its service-account issuer and
 * signing key are kube-api-test's defaults, so TokenRequest and TokenReview work.
 */
public final class KubeApiServer {

  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  private static KubeApiServer shared;

  private final KubeAPIServer server;
  private final KubernetesClient client;
  private final Config config;

  private KubeApiServer(KubeAPIServer server) {
    this.server = server;
    this.config = Config.fromKubeconfig(server.getKubeConfigYaml());
    this.client = new KubernetesClientBuilder().withConfig(config).build();
  }

  public static synchronized KubeApiServer shared() {
    if (shared == null) {
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
      shared = new KubeApiServer(server);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  public KubernetesClient client() {
    return client;
  }

  public String url() {
    return config.getMasterUrl();
  }

  /** The API server's CA as a PEM file. */
  public Path writeCa(Path dir) {
    String data = config.getCaCertData();
    String pem =
        data != null
            ? new String(Base64.getDecoder().decode(data), StandardCharsets.US_ASCII)
            : read(Path.of(config.getCaCertFile()));
    return write(dir.resolve("ca.crt"), pem);
  }

  /**
   * The key the API server signs service-account tokens with (kube-api-test's default: its serving
   * key).
   */
  public static Path serviceAccountSigningKey() {
    return Path.of(
        System.getProperty("user.home"),
        KubeAPIServerConfigBuilder.DIRECTORY_NAME,
        "apiserver.key");
  }

  public void createNamespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  public void createServiceAccount(String namespace, String name) {
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /**
   * A real token of the account from the TokenRequest API (600 s is the API's minimum lifetime).
   */
  public String requestToken(String namespace, String serviceAccount, String... audiences) {
    return client
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(serviceAccount)
        .tokenRequest(
            new TokenRequestBuilder()
                .withNewSpec()
                .withAudiences(audiences)
                .withExpirationSeconds(600L)
                .endSpec()
                .build())
        .getStatus()
        .getToken();
  }

  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kubernetesVersion() {
    Properties versions = new Properties();
    try (InputStream in = Files.newInputStream(REPO.resolve("e2e/toolchain/versions.env"))) {
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions.getProperty("KUBERNETES_VERSION").replaceFirst("^v", "");
  }

  private void stop() {
    client.close();
    server.stop();
  }
}
