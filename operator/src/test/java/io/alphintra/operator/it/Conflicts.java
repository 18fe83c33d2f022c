package io.alphintra.operator.it;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Retries an edit that lost an optimistic-lock race with the operator's status writes, as kubectl
 * users do.
 */
final class Conflicts {
  private Conflicts() {}

  static void retry(Runnable edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        edit.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
