package io.alphintra.operator.runtime;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import java.time.Duration;

/**
 * Micronaut HTTP clients for the operator's calls to the platform's Services (health checks,
 * connector health, strategy-engine status and control): every request opens a connection of its
 * own (no pool, {@code Connection: close}). A kept-alive connection stays with whatever answered
 * first: a Service's ClusterIP reached before kube-proxy routed it (the node's default route
 * answers, here with 404), or one pod of a Service that has several or whose pods were replaced;
 * every later call would read that instead of the Service's current backends.
 */
public final class FreshConnections {
  private FreshConnections() {}

  /** A client with these timeouts, no connection pool and no redirects followed. */
  public static HttpClient client(Duration timeout) {
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setReadTimeout(timeout);
    config.setConnectTimeout(timeout);
    config.setFollowRedirects(false);
    config.getConnectionPoolConfiguration().setEnabled(false);
    return HttpClient.create(null, config);
  }

  /** {@code request} asking the server to close the connection after its answer. */
  public static <B> MutableHttpRequest<B> closing(MutableHttpRequest<B> request) {
    return request.header(HttpHeaders.CONNECTION, "close");
  }
}
