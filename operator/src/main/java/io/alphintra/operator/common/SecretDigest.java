package io.alphintra.operator.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digest of a Secret's content put on pod templates ({@link Labels#SECRET_HASH}) so a rotation
 * rolls the pods: an HMAC-SHA256 under a key of this installation, so someone who can read
 * Deployments but not Secrets cannot confirm a guessed password by hashing it.
 */
public final class SecretDigest {
  private static final String ALGORITHM = "HmacSHA256";

  /** Shortest key accepted: the HMAC's own block of security. */
  public static final int MIN_KEY_BYTES = 32;

  private final SecretKeySpec key;

  public SecretDigest(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the secret-digest key must have at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /**
   * A short HMAC of a map's entries in key order; values are base64 as in Secret.data, or plain.
   */
  public String of(Map<String, String> content) {
    Mac mac = mac();
    new TreeMap<>(content == null ? Map.<String, String>of() : content)
        .forEach(
            (k, v) -> {
              mac.update(k.getBytes(StandardCharsets.UTF_8));
              mac.update((byte) 0);
              mac.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
              mac.update((byte) 0);
            });
    return HexFormat.of().formatHex(mac.doFinal()).substring(0, 16);
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    }
  }
}
