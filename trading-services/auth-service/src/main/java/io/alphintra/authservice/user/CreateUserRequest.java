package io.alphintra.authservice.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** Body of {@code POST /api/v1/users}. */
record CreateUserRequest(
    @NotBlank
        @Size(max = 64)
        @Pattern(
            regexp = "[a-zA-Z0-9._@-]+",
            message = "may contain only letters, digits and . _ @ -")
        String username,
    @NotBlank @Size(min = 12, message = "must have at least 12 characters") String password,
    @NotEmpty Set<Role> roles) {}
