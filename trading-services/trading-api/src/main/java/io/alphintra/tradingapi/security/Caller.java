package io.alphintra.tradingapi.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, from a verified auth-service access token.
 *
 * @param subject {@code sub}: a user id, or {@code system:serviceaccount:<ns>:<name>} for a
 *     strategy
 * @param roles the {@code roles} claim; unknown names are ignored
 * @param strategy the {@code strategy} claim of a STRATEGY token, else null
 */
public record Caller(String subject, Set<Role> roles, String strategy) {

  static final String ROLES_CLAIM = "roles";
  static final String STRATEGY_CLAIM = "strategy";

  public static Caller of(Jwt jwt) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<String> names = jwt.getClaimAsStringList(ROLES_CLAIM);
    if (names != null) {
      for (String name : names) {
        for (Role role : Role.values()) {
          if (role.name().equals(name)) {
            roles.add(role);
          }
        }
      }
    }
    return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString(STRATEGY_CLAIM));
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Whether the caller is ADMIN; everything else is decided per account. */
  public boolean isAdmin() {
    return has(Role.ADMIN);
  }
}
