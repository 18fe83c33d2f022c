package io.alphintra.operator.runtime;

import java.net.URI;

/**
 * Where health checks reach a Kubernetes Service. In a cluster that is the Service's DNS name;
 * tests and out-of-cluster runs point it elsewhere (a local HTTP server standing in for the pods).
 */
@FunctionalInterface
public interface CheckEndpoints {
  /** Default template: the Service's cluster DNS name. */
  String CLUSTER_DNS = "http://{service}.{namespace}.svc:{port}";

  URI resolve(String namespace, String service, int port, String path);

  /** Resolves by a template with {service}, {namespace} and {port} placeholders. */
  static CheckEndpoints template(String template) {
    return (namespace, service, port, path) ->
        URI.create(
            template
                    .replace("{service}", service)
                    .replace("{namespace}", namespace)
                    .replace("{port}", String.valueOf(port))
                + path);
  }
}
