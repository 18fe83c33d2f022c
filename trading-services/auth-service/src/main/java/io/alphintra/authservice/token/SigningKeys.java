package io.alphintra.authservice.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The signing keys from the mounted Secret. Rotation with overlap: the operator adds a new key and
 * points {@code active-kid} at it; the old key stays in the Secret (and so keeps verifying) until
 * its tokens expired.
 */
@Component
public class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private final Path dir;
  private volatile KeyRing ring;

  SigningKeys(SigningKeyProperties properties) {
    this.dir = properties.keysDir();
    this.ring = KeyRing.load(dir);
    log.info(
        "Signing keys {} loaded from {}; {} signs", ring.keys().keySet(), dir, ring.activeKid());
  }

  /** Reads the directory again; a broken read keeps the keys loaded before. */
  @Scheduled(
      fixedDelayString = "${alphintra.auth.signing.reload-interval:30s}",
      initialDelayString = "${alphintra.auth.signing.reload-interval:30s}")
  public void reload() {
    try {
      KeyRing next = KeyRing.load(dir);
      if (!next.keys().keySet().equals(ring.keys().keySet())
          || !next.activeKid().equals(ring.activeKid())) {
        log.info("Signing keys now {}; {} signs", next.keys().keySet(), next.activeKid());
      }
      ring = next;
    } catch (IllegalStateException e) {
      log.warn("Keeping the signing keys loaded before: {}", e.getMessage());
    }
  }

  RSAKey active() {
    return ring.active();
  }

  Optional<RSAKey> verificationKey(String kid) {
    return Optional.ofNullable(ring.keys().get(kid));
  }

  /** Public halves of every key that still verifies, for the JWKS endpoint. */
  public JWKSet publicKeys() {
    return ring.publicKeys();
  }
}
