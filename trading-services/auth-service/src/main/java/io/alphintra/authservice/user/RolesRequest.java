package io.alphintra.authservice.user;

import jakarta.validation.constraints.NotEmpty;
import java.util.Set;

/** Body of {@code PUT /api/v1/users/{username}/roles}. */
record RolesRequest(@NotEmpty Set<Role> roles) {}
