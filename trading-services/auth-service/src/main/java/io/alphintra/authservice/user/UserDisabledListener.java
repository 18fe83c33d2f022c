package io.alphintra.authservice.user;

import java.util.UUID;

/**
 * Told when a user is disabled, inside the same transaction (the session feature revokes refresh
 * tokens).
 */
public interface UserDisabledListener {
  void userDisabled(UUID userId);
}
