package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the real-node E2Es share: restricted namespaces, Ready pods, Service addresses. */
final class RealNodePods {
  /**
   * The JUnit resource lock every real-node E2E class holds: a host runs one real node, so those
   * classes run one at a time, beside the kwok E2Es (see junit-platform.properties).
   */
  static final String NODE = "alphintra.real-node";

  private RealNodePods() {}

  /**
   * How long a Service's new endpoints may take to be routed from this host. kube-proxy applies an
   * EndpointSlice change at once when it keeps up, and resyncs all its rules every 30 s (its
   * iptables {@code syncPeriod}) in any case; a busy node has been seen to miss the first.
   */
  static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Sends {@code request} through a Service's ClusterIP from this host. A refused connection means
   * nothing was sent: kube-proxy has the Service but not yet its new endpoints (a pod just became
   * Ready, a selector just switched), so the request goes again once the route is there. A request
   * to a Service's name ({@code <service>.<namespace>.svc}, what {@link #clusterIpEndpoints} gives
   * before kube-proxy has the Service's rules, and which does not resolve on this host) is
   * addressed again through {@code endpoints} on every attempt, so it goes to the ClusterIP as soon
   * as kube-proxy routes it.
   */
  static HttpResponse<String> sendWhenRouted(
      HttpClient http, HttpRequest request, CheckEndpoints endpoints) {
    return await("a route to " + request.uri())
        .atMost(ROUTE_TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(java.net.ConnectException.class)
        .until(
            () -> http.send(addressed(request, endpoints), HttpResponse.BodyHandlers.ofString()),
            r -> true);
  }

  /** {@code request}, sent to the address {@code endpoints} gives now if it names a Service. */
  static HttpRequest addressed(HttpRequest request, CheckEndpoints endpoints) {
    URI uri = request.uri();
    String[] host = uri.getHost().split("\\.");
    if (host.length != 3 || !host[2].equals("svc")) {
      return request;
    }
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    URI now = endpoints.resolve(host[1], host[0], uri.getPort(), path);
    return now.equals(uri)
        ? request
        : HttpRequest.newBuilder(request, (n, v) -> true).uri(now).build();
  }

  /** Labels the namespace so the API server admits only pods of the restricted standard. */
  static void enforceRestricted(KubernetesClient client, String ns) {
    client
        .namespaces()
        .withName(ns)
        .edit(
            n -> {
              Map<String, String> labels = new HashMap<>();
              if (n.getMetadata().getLabels() != null) {
                labels.putAll(n.getMetadata().getLabels());
              }
              labels.put("pod-security.kubernetes.io/enforce", "restricted");
              n.getMetadata().setLabels(labels);
              return n;
            });
  }

  /**
   * Where the in-process operator (and the test) reaches a Service: its ClusterIP, which kube-proxy
   * routes from this host (cluster DNS names do not resolve outside the cluster), once kube-proxy
   * has its rules. Before that a ClusterIP leaves the host by its default route, and this machine's
   * gateway answers any address with 404 on a connection the operator's HTTP client would keep; the
   * unresolvable Service name fails instead, and the operator retries.
   */
  static CheckEndpoints clusterIpEndpoints(Cluster cluster) {
    return (ns, service, port, path) -> {
      Service found = cluster.client().services().inNamespace(ns).withName(service).get();
      String host =
          found == null
                  || found.getSpec().getClusterIP() == null
                  || !kubeProxyRoutes(ns + "/" + service + ":")
              ? service + "." + ns + ".svc"
              : found.getSpec().getClusterIP();
      return URI.create("http://" + host + ":" + port + path);
    };
  }

  /** Whether kube-proxy's nat rules name the Service port {@code namespace/name:}. */
  static boolean kubeProxyRoutes(String servicePrefix) {
    try {
      Process p =
          new ProcessBuilder("iptables", "-t", "nat", "-S", "KUBE-SERVICES")
              .redirectErrorStream(true)
              .start();
      String rules = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(10, TimeUnit.SECONDS) && rules.contains("\"" + servicePrefix);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits for a Ready pod whose name starts with {@code prefix-}. */
  static Pod awaitReadyPod(KubernetesClient client, String ns, String prefix, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> readyPod(client, ns, prefix), p -> p != null);
  }

  /**
   * A Ready pod whose name starts with {@code prefix-} (a Deployment's or StatefulSet's), or null.
   */
  static Pod readyPod(KubernetesClient client, String ns, String prefix) {
    return client.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(prefix + "-"))
        .filter(p -> readySince(p) != null)
        .findFirst()
        .orElse(null);
  }

  /** When the pod became Ready (RFC 3339), or null while it is not or is being deleted. */
  static String readySince(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return null;
    }
    return Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of()).stream()
        .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
        .map(PodCondition::getLastTransitionTime)
        .findFirst()
        .orElse(null);
  }

  /**
   * Starts the restricted pod {@code outsider} in {@code ns} (outside every allow graph), from an
   * image of the project's Debian base (bash and coreutils), and waits until it is Ready.
   */
  static void startOutsider(Cluster cluster, String ns, String image) {
    cluster
        .client()
        .pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("outsider")
                .addToLabels("app", "outsider")
                .endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(0L)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(65532L)
                .withRunAsGroup(65532L)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("probe")
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("sleep", "infinity")
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .build())
        .create();
    cluster
        .client()
        .pods()
        .inNamespace(ns)
        .withName("outsider")
        .waitUntilCondition(p -> p != null && readySince(p) != null, 2, TimeUnit.MINUTES);
  }

  /**
   * Waits (bounded) until {@code pod} finds {@code host:port} in the expected state: kube-router
   * compiles new NetworkPolicies within its sync period.
   */
  static void awaitProbe(
      Cluster cluster, String ns, String pod, String host, int port, String expected) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(probe(cluster, ns, pod, host, port))
                    .as("%s/%s -> %s:%d", ns, pod, host, port)
                    .isEqualTo(expected));
  }

  /**
   * "open" or "closed": whether {@code pod} opens a TCP connection to {@code host:port} within 5 s
   * (bash's /dev/tcp; a dropped SYN times out, a rejected one fails at once).
   */
  static String probe(Cluster cluster, String ns, String pod, String host, int port) {
    Toolchain.Result r =
        cluster.kubectl(
            Duration.ofSeconds(30),
            "-n",
            ns,
            "exec",
            pod,
            "--",
            "bash",
            "-c",
            "if timeout 5 bash -c '</dev/tcp/"
                + host
                + "/"
                + port
                + "' 2>/dev/null;"
                + " then echo open; else echo closed; fi");
    assertThat(r.ok()).as("kubectl exec %s: %s", pod, r.stderr()).isTrue();
    return r.stdout().strip();
  }
}
