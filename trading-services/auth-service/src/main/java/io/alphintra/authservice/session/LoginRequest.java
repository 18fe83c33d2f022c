package io.alphintra.authservice.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/auth/login}. */
record LoginRequest(
    @NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 72) String password) {}
