package io.alphintra.brokerconnector.binance;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's SIGNED-endpoint signature: lowercase hex HMAC-SHA256 of the total parameters (query
 * string followed by the form body, without {@code signature}), keyed with the secret key.
 */
final class BinanceSigner {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  BinanceSigner(String secretKey) {
    this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  String sign(String totalParams) {
    try {
      // Mac instances are not thread-safe and cheap to create next to the request itself.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(totalParams.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Never include the key: the JDK's messages do not, and neither do we.
      throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "BinanceSigner[key=<redacted>]";
  }
}
