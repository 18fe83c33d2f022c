package io.alphintra.brokersimulator.account;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Binance's request signature: lowercase hex HMAC-SHA256 of the total parameters. */
public final class RequestSignature {

  private static final String ALGORITHM = "HmacSHA256";

  private RequestSignature() {}

  public static String sign(String secretKey, String payload) {
    return sign(secretKey.getBytes(StandardCharsets.UTF_8), payload);
  }

  static String sign(byte[] secretKey, String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secretKey, ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** Constant-time comparison so response timing does not leak how much of a signature matched. */
  static boolean matches(byte[] secretKey, String payload, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] expected = sign(secretKey, payload).getBytes(StandardCharsets.US_ASCII);
    byte[] actual =
        signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual);
  }
}
