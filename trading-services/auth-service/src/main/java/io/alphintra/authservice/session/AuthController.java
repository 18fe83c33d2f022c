package io.alphintra.authservice.session;

import io.alphintra.authservice.token.VerifiedToken;
import io.alphintra.authservice.web.Public;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Log in, refresh, log out, and who am I. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

  /** What {@code GET /api/v1/auth/me} shows of the caller's token. */
  record Me(String subject, String username, List<String> roles, String kid, Instant expiresAt) {}

  private final Sessions sessions;

  AuthController(Sessions sessions) {
    this.sessions = sessions;
  }

  @Public
  @PostMapping("/login")
  TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
    return sessions.login(request.username(), request.password(), http.getRemoteAddr());
  }

  @Public
  @PostMapping("/refresh")
  TokenResponse refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
    return sessions.refresh(request.refreshToken(), http.getRemoteAddr());
  }

  @Public
  @PostMapping("/logout")
  ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
    sessions.logout(request.refreshToken(), http.getRemoteAddr());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/me")
  Me me(VerifiedToken caller) {
    return new Me(
        caller.subject(),
        caller.username(),
        caller.roles().stream().map(Enum::name).sorted().toList(),
        caller.kid(),
        caller.expiresAt());
  }
}
