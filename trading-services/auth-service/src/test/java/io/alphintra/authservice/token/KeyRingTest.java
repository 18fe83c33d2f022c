package io.alphintra.authservice.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.authservice.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

  @TempDir Path dir;

  @Test
  void theGreatestKidSignsWhenNoActiveKidIsNamed() {
    TestKeys.write(dir, "2026-01");
    TestKeys.write(dir, "2026-02");

    KeyRing ring = KeyRing.load(dir);

    assertThat(ring.activeKid()).isEqualTo("2026-02");
    assertThat(ring.keys()).containsOnlyKeys("2026-01", "2026-02");
  }

  @Test
  void activeKidNamesTheSigningKeyAndTheOthersStillVerify() {
    TestKeys.write(dir, "old");
    TestKeys.write(dir, "new");
    TestKeys.activate(dir, "old");

    KeyRing ring = KeyRing.load(dir);

    assertThat(ring.activeKid()).isEqualTo("old");
    assertThat(ring.publicKeys().getKeys())
        .extracting(key -> key.getKeyID())
        .containsExactlyInAnyOrder("old", "new");
    assertThat(ring.publicKeys().getKeys()).noneMatch(key -> key.isPrivate());
  }

  @Test
  void anActiveKidWithoutItsKeyIsRefusedWithTheFix() {
    TestKeys.write(dir, "a");
    TestKeys.activate(dir, "b");

    assertThatThrownBy(() -> KeyRing.load(dir))
        .hasMessageContaining("names key 'b' but there is no b.pem");
  }

  @Test
  void anEmptyDirectorySaysWhatToMount() {
    assertThatThrownBy(() -> KeyRing.load(dir))
        .hasMessageContaining("mount the signing-key Secret");
  }

  @Test
  void aBrokenKeyIsNamedButItsContentIsNeverQuoted() throws Exception {
    String secretLooking =
        "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lC\n-----END PRIVATE KEY-----\n";
    Files.writeString(dir.resolve("broken.pem"), secretLooking);

    assertThatThrownBy(() -> KeyRing.load(dir))
        .hasMessageContaining("broken.pem is not a readable RSA private key")
        .hasMessageNotContaining("TUlJRXZR")
        .hasNoCause();
  }
}
