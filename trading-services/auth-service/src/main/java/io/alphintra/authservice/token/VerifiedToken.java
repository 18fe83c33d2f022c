package io.alphintra.authservice.token;

import io.alphintra.authservice.user.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The claims of an access token that passed every check. */
public record VerifiedToken(
    String subject,
    String username,
    Set<Role> roles,
    String jti,
    String kid,
    Instant expiresAt,
    Map<String, Object> claims) {

  public boolean hasAnyRole(Set<Role> wanted) {
    return roles.stream().anyMatch(wanted::contains);
  }
}
