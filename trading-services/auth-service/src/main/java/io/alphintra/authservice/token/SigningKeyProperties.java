package io.alphintra.authservice.token;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the signing keys are mounted.
 *
 * @param keysDir a directory of {@code <kid>.pem} files (PKCS#8 RSA private keys, 2048 bits or
 *     more) and an optional {@code active-kid} file naming the key that signs; without it the
 *     greatest kid signs
 * @param reloadInterval how often the directory is read again, so a rotated Secret takes effect
 *     without a restart
 */
@ConfigurationProperties("alphintra.auth.signing")
public record SigningKeyProperties(Path keysDir, @DefaultValue("30s") Duration reloadInterval) {

  public SigningKeyProperties {
    if (keysDir == null) {
      throw new IllegalArgumentException(
          "alphintra.auth.signing.keys-dir is required: mount the signing-key "
              + "Secret as a directory and set ALPHINTRA_AUTH_SIGNING_KEYS_DIR to it");
    }
  }
}
