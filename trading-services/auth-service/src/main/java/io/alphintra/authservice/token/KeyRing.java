package io.alphintra.authservice.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The keys of one read of the key directory: the one that signs, and all that verify. */
record KeyRing(String activeKid, Map<String, RSAKey> keys) {

  static final String ACTIVE_KID_FILE = "active-kid";
  private static final String PEM_SUFFIX = ".pem";

  RSAKey active() {
    return keys.get(activeKid);
  }

  JWKSet publicKeys() {
    return new JWKSet(
        keys.values().stream().map(key -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK()).toList());
  }

  static KeyRing load(Path dir) {
    Map<String, RSAKey> keys = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      // Kubernetes mounts a Secret with hidden ..data entries; only <kid>.pem files are keys.
      List<Path> pems =
          files
              .filter(file -> file.getFileName().toString().endsWith(PEM_SUFFIX))
              .filter(file -> !file.getFileName().toString().startsWith("."))
              .toList();
      for (Path pem : pems) {
        String name = pem.getFileName().toString();
        String kid = name.substring(0, name.length() - PEM_SUFFIX.length());
        keys.put(kid, parse(kid, Files.readString(pem, StandardCharsets.US_ASCII)));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read signing keys from " + dir + ": " + e.getClass().getSimpleName());
    }
    if (keys.isEmpty()) {
      throw new IllegalStateException(
          "no signing keys in "
              + dir
              + ": mount the signing-key Secret there "
              + "(files <kid>.pem holding PKCS#8 RSA private keys)");
    }
    String active = activeKid(dir, keys);
    return new KeyRing(active, Map.copyOf(keys));
  }

  private static String activeKid(Path dir, Map<String, RSAKey> keys) {
    Path file = dir.resolve(ACTIVE_KID_FILE);
    if (!Files.exists(file)) {
      return ((TreeMap<String, RSAKey>) keys).lastKey();
    }
    try {
      String kid = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!keys.containsKey(kid)) {
        throw new IllegalStateException(
            dir
                + "/"
                + ACTIVE_KID_FILE
                + " names key '"
                + kid
                + "' but there is no "
                + kid
                + PEM_SUFFIX
                + "; add the key or correct "
                + ACTIVE_KID_FILE);
      }
      return kid;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getClass().getSimpleName());
    }
  }

  static RSAKey parse(String kid, String pem) {
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalStateException(
          "signing key "
              + kid
              + PEM_SUFFIX
              + " is not a PKCS#8 PEM private key "
              + "(-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt");
    }
    try {
      String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey)
              rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      if (privateKey.getModulus().bitLength() < 2048) {
        throw new IllegalStateException(
            "signing key "
                + kid
                + PEM_SUFFIX
                + " has "
                + privateKey.getModulus().bitLength()
                + " bits; RS256 keys need at least 2048");
      }
      RSAPublicKey publicKey =
          (RSAPublicKey)
              rsa.generatePublic(
                  new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      return new RSAKey.Builder(publicKey)
          .privateKey(privateKey)
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .build();
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      // No cause attached: a parser's message could quote key material.
      throw new IllegalStateException(
          "signing key " + kid + PEM_SUFFIX + " is not a readable RSA private key");
    }
  }
}
