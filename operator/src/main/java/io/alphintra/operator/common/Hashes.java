package io.alphintra.operator.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Content hashes of what is not secret (ConfigMaps, desired objects). Secrets get {@link
 * SecretDigest}, keyed, so their digest on a pod template cannot confirm a guessed value.
 */
public final class Hashes {
  private Hashes() {}

  /** A short SHA-256 of a map's entries in key order. */
  public static String of(Map<String, String> content) {
    MessageDigest digest = sha256();
    new TreeMap<>(content == null ? Map.<String, String>of() : content)
        .forEach(
            (k, v) -> {
              digest.update(k.getBytes(StandardCharsets.UTF_8));
              digest.update((byte) 0);
              digest.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
              digest.update((byte) 0);
            });
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  /** A short SHA-256 of a string. */
  public static String of(String content) {
    return HexFormat.of()
        .formatHex(sha256().digest(content.getBytes(StandardCharsets.UTF_8)))
        .substring(0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
