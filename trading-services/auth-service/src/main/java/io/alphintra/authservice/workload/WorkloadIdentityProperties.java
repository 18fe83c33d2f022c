package io.alphintra.authservice.workload;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Workload identity: how strategy pods prove who they are with their projected service-account
 * token.
 *
 * @param audience the audience a strategy's projected token must be issued for (checked by the
 *     TokenReview)
 * @param namespace the environment's own namespace; only service accounts of this namespace get a
 *     token. Blank means the namespace auth-service itself runs in (read from {@code
 *     namespaceFile})
 * @param namespaceFile where Kubernetes mounts the pod's own namespace
 * @param apiServer the Kubernetes API server auth-service sends TokenReviews to
 * @param tokenFile auth-service's own service-account token (re-read on every review: the kubelet
 *     rotates it)
 * @param caFile the CA that signed the API server's certificate
 * @param timeout how long one TokenReview may take
 */
@ConfigurationProperties("alphintra.auth.workload")
public record WorkloadIdentityProperties(
    @DefaultValue("alphintra") String audience,
    String namespace,
    @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount/namespace") Path namespaceFile,
    @DefaultValue("https://kubernetes.default.svc") String apiServer,
    @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount/token") Path tokenFile,
    @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt") Path caFile,
    @DefaultValue("5s") Duration timeout) {

  public WorkloadIdentityProperties {
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException(
          "alphintra.auth.workload.audience is required (the audience of strategies' projected tokens, e.g. alphintra)");
    }
  }
}
