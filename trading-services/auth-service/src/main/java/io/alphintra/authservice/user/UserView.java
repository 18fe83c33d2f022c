package io.alphintra.authservice.user;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user as the API shows it: no password hash. */
record UserView(UUID id, String username, boolean enabled, Set<Role> roles, Instant createdAt) {

  static UserView of(UserAccount user) {
    return new UserView(user.id(), user.username(), user.enabled(), user.roles(), user.createdAt());
  }
}
