package io.alphintra.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretDigestTest {
  private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> CONTENT =
      Map.of("username", "dXNlcg==", "password", "aHVudGVyMg==");

  @Test
  void sameKeyAndContentGiveTheSameDigestWhateverTheEntryOrder() {
    var reordered = new java.util.LinkedHashMap<String, String>();
    reordered.put("password", "aHVudGVyMg==");
    reordered.put("username", "dXNlcg==");
    assertThat(new SecretDigest(KEY).of(CONTENT))
        .isEqualTo(new SecretDigest(KEY.clone()).of(reordered))
        .hasSize(16);
  }

  @Test
  void aGuessedContentHashedWithoutTheKeyDoesNotMatchTheDigest() {
    assertThat(new SecretDigest(KEY).of(CONTENT)).isNotEqualTo(Hashes.of(CONTENT));
  }

  @Test
  void anotherInstallationsKeyGivesAnotherDigest() {
    byte[] other = "o".repeat(32).getBytes(StandardCharsets.UTF_8);
    assertThat(new SecretDigest(KEY).of(CONTENT)).isNotEqualTo(new SecretDigest(other).of(CONTENT));
  }

  @Test
  void aChangedValueChangesTheDigest() {
    assertThat(new SecretDigest(KEY).of(CONTENT))
        .isNotEqualTo(
            new SecretDigest(KEY).of(Map.of("username", "dXNlcg==", "password", "cm90YXRlZA==")));
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new SecretDigest(new byte[16]))
        .hasMessageContaining("at least 32 bytes");
  }
}
