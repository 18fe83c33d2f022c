package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.operator.runtime.CheckEndpoints;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How a request to a Service is addressed again on each attempt. */
class RealNodePodsTest {

  @Test
  void aRequestToAServiceNameGoesToTheAddressTheEndpointsGiveNow() {
    AtomicReference<String> host = new AtomicReference<>("dev-auth-service.devenv.svc");
    CheckEndpoints endpoints =
        (ns, service, port, path) -> {
          assertThat(ns).isEqualTo("devenv");
          assertThat(service).isEqualTo("dev-auth-service");
          return URI.create("http://" + host.get() + ":" + port + path);
        };
    HttpRequest first =
        HttpRequest.newBuilder(
                URI.create("http://dev-auth-service.devenv.svc:8080/api/v1/orders?status=NEW"))
            .header("Authorization", "Bearer t")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    // kube-proxy has no rules for the Service yet: the name again.
    assertThat(RealNodePods.addressed(first, endpoints)).isSameAs(first);

    host.set("10.96.0.17");
    HttpRequest routed = RealNodePods.addressed(first, endpoints);
    assertThat(routed.uri())
        .isEqualTo(URI.create("http://10.96.0.17:8080/api/v1/orders?status=NEW"));
    assertThat(routed.method()).isEqualTo("POST");
    assertThat(routed.headers().firstValue("Authorization")).hasValue("Bearer t");
    assertThat(routed.timeout()).hasValue(Duration.ofSeconds(20));
    assertThat(routed.bodyPublisher()).isEqualTo(first.bodyPublisher());
  }

  @Test
  void aRequestToAnAddressIsSentAsItIs() {
    CheckEndpoints never =
        (ns, service, port, path) -> {
          throw new AssertionError("not a Service name");
        };
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://10.244.0.5:8080/x")).build();

    assertThat(RealNodePods.addressed(request, never)).isSameAs(request);
  }
}
