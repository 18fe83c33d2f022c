package io.alphintra.authservice.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens: 256 random bits handed to the client, only their SHA-256 stored. A slow
 * hash is not needed: the token is random, not guessable like a password.
 */
@Component
class RefreshTokens {

  /** One stored token, locked for the caller's transaction. */
  record Stored(
      UUID id, UUID familyId, UUID userId, Instant expiresAt, boolean rotated, boolean revoked) {}

  private final SecureRandom random = new SecureRandom();
  private final JdbcClient jdbc;
  private final SessionProperties properties;
  private final Clock clock;

  RefreshTokens(JdbcClient jdbc, SessionProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** Issues a token in the family (a new family on login); returns the token the client gets. */
  String issue(UUID userId, UUID familyId) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    jdbc.sql(
            """
                        INSERT INTO refresh_token (id, family_id, user_id, token_hash, issued_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
        .params(
            UUID.randomUUID(),
            familyId,
            userId,
            hash(token),
            Timestamp.from(now),
            Timestamp.from(now.plus(properties.refreshTokenTtl())))
        .update();
    return token;
  }

  /** Finds the token and locks its row, so two refreshes of one token cannot both succeed. */
  Optional<Stored> lockByToken(String token) {
    return jdbc.sql(
            """
                        SELECT id, family_id, user_id, expires_at, rotated_at IS NOT NULL AS rotated,
                               revoked_at IS NOT NULL AS revoked
                        FROM refresh_token WHERE token_hash = ? FOR UPDATE""")
        .param(hash(token))
        .query(
            (rs, row) ->
                new Stored(
                    rs.getObject("id", UUID.class),
                    rs.getObject("family_id", UUID.class),
                    rs.getObject("user_id", UUID.class),
                    rs.getTimestamp("expires_at").toInstant(),
                    rs.getBoolean("rotated"),
                    rs.getBoolean("revoked")))
        .optional();
  }

  void markRotated(UUID id) {
    jdbc.sql("UPDATE refresh_token SET rotated_at = ? WHERE id = ?")
        .params(Timestamp.from(clock.instant()), id)
        .update();
  }

  /** Revokes every token of the family; returns how many were still live. */
  int revokeFamily(UUID familyId) {
    return jdbc.sql(
            "UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
        .params(Timestamp.from(clock.instant()), familyId)
        .update();
  }

  int revokeAllOf(UUID userId) {
    return jdbc.sql(
            "UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
        .params(Timestamp.from(clock.instant()), userId)
        .update();
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
