package io.alphintra.authservice.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.RunningAuthService;
import io.alphintra.authservice.testing.TestKeys;
import io.alphintra.authservice.user.Role;
import java.nio.file.Files;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rotation with overlap, the way the operator does it: add a key, point active-kid at it, later
 * drop the old key.
 */
class KeyRotationIT extends RunningAuthService {

  @Autowired private SigningKeys signingKeys;

  @Test
  void tokensOfTheOldKidVerifyUntilTheOldKeyIsRemoved() throws Exception {
    String user = createUser("rotation", EnumSet.of(Role.VIEWER));
    ApiClient api = client();
    String oldToken = api.login(user, PASSWORD).text("access_token");
    String oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();

    TestKeys.write(KEYS, "k-rotated");
    TestKeys.activate(KEYS, "k-rotated");
    signingKeys.reload();
    String newToken = api.login(user, PASSWORD).text("access_token");
    String jwks = api.get("/.well-known/jwks.json", null).raw();

    assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo("k-rotated");
    assertThat(api.get("/api/v1/auth/me", oldToken).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/auth/me", newToken).status()).isEqualTo(200);
    assertThat(jwks)
        .contains("\"kid\":\"" + oldKid + "\"", "\"kid\":\"k-rotated\"")
        .doesNotContain("\"d\":");

    Files.delete(KEYS.resolve(oldKid + ".pem"));
    signingKeys.reload();

    assertThat(api.get("/api/v1/auth/me", oldToken).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/auth/me", newToken).status()).isEqualTo(200);
    assertThat(api.get("/.well-known/jwks.json", null).raw()).doesNotContain(oldKid);
  }

  @Test
  void aBrokenKeyDirectoryKeepsTheKeysLoadedBefore() throws Exception {
    String active = new String(Files.readAllBytes(KEYS.resolve("active-kid"))).strip();
    TestKeys.activate(KEYS, "k-missing");

    signingKeys.reload();
    String token = client().login(ADMIN, ADMIN_PASSWORD).text("access_token");
    TestKeys.activate(KEYS, active);

    assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isNotEqualTo("k-missing");
  }
}
