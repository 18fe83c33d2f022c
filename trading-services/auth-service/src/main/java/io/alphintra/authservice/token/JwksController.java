package io.alphintra.authservice.token;

import io.alphintra.authservice.web.Public;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys services verify access tokens with (RFC 7517), old keys included until they are
 * removed.
 */
@RestController
class JwksController {

  private final SigningKeys keys;

  JwksController(SigningKeys keys) {
    this.keys = keys;
  }

  @Public
  @GetMapping(value = "/.well-known/jwks.json", produces = "application/jwk-set+json")
  ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
        .body(keys.publicKeys().toJSONObject(true));
  }
}
