package io.alphintra.authservice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * RSA keys written the way the operator's signing-key Secret mounts them: {@code <kid>.pem} and
 * {@code active-kid}.
 */
public final class TestKeys {

  private TestKeys() {}

  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(KeyPair pair) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
  }

  public static KeyPair write(Path dir, String kid) {
    KeyPair pair = generate();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(kid + ".pem"), pem(pair));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pair;
  }

  public static void activate(Path dir, String kid) {
    try {
      Files.writeString(dir.resolve("active-kid"), kid + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
