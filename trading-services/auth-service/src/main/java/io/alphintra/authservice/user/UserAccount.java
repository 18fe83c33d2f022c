package io.alphintra.authservice.user;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stored user; {@code passwordHash} never leaves the service. */
public record UserAccount(
    UUID id,
    String username,
    String passwordHash,
    boolean enabled,
    Set<Role> roles,
    Instant createdAt) {}
