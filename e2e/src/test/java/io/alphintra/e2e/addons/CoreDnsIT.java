package io.alphintra.e2e.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterExtension;
import io.alphintra.e2e.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.NameNotFoundException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CoreDNS the add-ons run, with the Corefile of its manifest, answers for the cluster's
 * Services: started as a host process on free loopback ports with the test cluster's kubeconfig,
 * queried over UDP.
 */
@ExtendWith(ClusterExtension.class)
class CoreDnsIT {
  private static Cluster cluster;
  private static TestNamespace namespace;
  private static Process coredns;
  private static Path log;
  private static int dnsPort;

  @TempDir static Path work;

  @BeforeAll
  static void startCoreDns(Cluster given) throws Exception {
    cluster = given;
    namespace = TestNamespace.create(cluster, "coredns");
    dnsPort = freeUdpAndTcpPort();
    int readyPort = freeTcpPort();
    Path corefile = work.resolve("Corefile");
    Files.writeString(corefile, hostCorefile(manifestCorefile(), readyPort));
    log = work.resolve("coredns.log");
    coredns =
        new ProcessBuilder(
                cluster.toolchain().binDir().resolve("coredns").toString(),
                "-conf",
                corefile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    cluster.closeBeforeTeardown(() -> coredns.destroy());

    // The ready plugin answers 200 once the kubernetes plugin has synced with the API server.
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + readyPort + "/ready")).build();
    try {
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .failFast(() -> !coredns.isAlive())
          .until(
              () -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    } catch (RuntimeException e) {
      throw new AssertionError("coredns did not become ready; its log:\n" + tail(), e);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (coredns != null) {
      coredns.destroy();
      coredns.waitFor();
    }
    if (namespace != null) {
      namespace.close();
    }
  }

  @Test
  void serviceCreatedAfterStartResolvesToItsClusterIp() {
    Service quotes = createService("quotes");
    String name = "quotes." + namespace.name() + ".svc.cluster.local";

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(NameNotFoundException.class)
        .untilAsserted(
            () -> assertThat(lookup(name, "A")).containsExactly(quotes.getSpec().getClusterIP()));
  }

  @Test
  void namedServicePortResolvesAsAnSrvRecord() {
    createService("orders");
    String name = "_http._tcp.orders." + namespace.name() + ".svc.cluster.local";

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(NameNotFoundException.class)
        .untilAsserted(
            () ->
                assertThat(lookup(name, "SRV"))
                    .singleElement()
                    .asString()
                    .endsWith(" 8080 orders." + namespace.name() + ".svc.cluster.local."));
  }

  @Test
  void unknownServiceIsNxdomain() {
    String name = "no-such-service." + namespace.name() + ".svc.cluster.local";

    assertThatThrownBy(() -> lookup(name, "A")).isInstanceOf(NameNotFoundException.class);
  }

  private static Service createService(String name) {
    return cluster
        .client()
        .services()
        .inNamespace(namespace.name())
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", name)
                .addNewPort()
                .withName("http")
                .withProtocol("TCP")
                .withPort(8080)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  /** The answers of one UDP query to the CoreDNS under test (JNDI's DNS provider). */
  private static List<String> lookup(String name, String type) throws Exception {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", "dns://127.0.0.1:" + dnsPort);
    env.put("com.sun.jndi.dns.recursion", "false");
    var context = new InitialDirContext(env);
    try {
      Attribute answers = context.getAttributes(name, new String[] {type}).get(type);
      assertThat(answers).as("%s records of %s", type, name).isNotNull();
      var values = new java.util.ArrayList<String>();
      for (var all = answers.getAll(); all.hasMore(); ) {
        values.add(all.next().toString());
      }
      return values;
    } finally {
      context.close();
    }
  }

  /** The Corefile of the rendered coredns ConfigMap. */
  private static String manifestCorefile() {
    String yaml = Addon.render(cluster.toolchain(), Map.of());
    List<HasMetadata> objects =
        cluster
            .client()
            .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
            .items();
    return objects.stream()
        .filter(ConfigMap.class::isInstance)
        .map(ConfigMap.class::cast)
        .filter(c -> c.getMetadata().getName().equals("coredns"))
        .findFirst()
        .orElseThrow()
        .getData()
        .get("Corefile");
  }

  /**
   * The manifest's Corefile for a host process: its ports moved to free loopback ports, and the
   * kubernetes plugin pointed at the test cluster's kubeconfig instead of the in-cluster account.
   */
  private static String hostCorefile(String corefile, int readyPort) throws IOException {
    String kubeconfig =
        "kubeconfig "
            + cluster.kubeconfig()
            + (cluster.context() == null ? "" : " " + cluster.context());
    String rewritten =
        corefile
            .replace(".:53 {", ".:" + dnsPort + " {\n    bind 127.0.0.1")
            .replace("health :8080", "health 127.0.0.1:" + freeTcpPort())
            .replace("ready :8181", "ready 127.0.0.1:" + readyPort)
            .replace("prometheus :9153", "prometheus 127.0.0.1:" + freeTcpPort())
            .replace("ttl 30\n", "ttl 30\n        " + kubeconfig + "\n");
    assertThat(rewritten)
        .as("the manifest's Corefile has the listeners and the kubernetes block this test moves")
        .contains(".:" + dnsPort, "ready 127.0.0.1:" + readyPort, kubeconfig)
        .doesNotContain(".:53 ", ":8080", ":8181", ":9153");
    return rewritten;
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freeUdpAndTcpPort() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = freeTcpPort();
      try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException inUse) {
        // taken for UDP; try another
      }
    }
    throw new IOException("no loopback port free for both TCP and UDP");
  }

  private static String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
