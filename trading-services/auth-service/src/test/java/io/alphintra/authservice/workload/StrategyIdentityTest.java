package io.alphintra.authservice.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The naming convention: strategy {@code <name>} runs as service account {@code <name>-strategy}.
 */
class StrategyIdentityTest {

  @Test
  void theServiceAccountNamesTheStrategy() {
    StrategyIdentity identity =
        StrategyIdentity.of("system:serviceaccount:alphintra-dev:sma-btc-strategy").orElseThrow();

    assertThat(identity)
        .isEqualTo(new StrategyIdentity("alphintra-dev", "sma-btc-strategy", "sma-btc"));
    assertThat(identity.subject())
        .isEqualTo("system:serviceaccount:alphintra-dev:sma-btc-strategy");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "system:serviceaccount:dev:auth-service",
        "system:serviceaccount:dev:-strategy",
        "system:serviceaccount::x-strategy",
        "system:serviceaccount:dev",
        "alice",
        "system:node:x-strategy",
        "system:serviceaccount:dev:a:b-strategy"
      })
  void anythingElseIsNoStrategy(String username) {
    assertThat(StrategyIdentity.of(username)).isEmpty();
  }
}
