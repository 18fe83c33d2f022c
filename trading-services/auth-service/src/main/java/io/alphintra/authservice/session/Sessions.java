package io.alphintra.authservice.session;

import io.alphintra.authservice.audit.AuditEvent;
import io.alphintra.authservice.audit.AuditLog;
import io.alphintra.authservice.session.LoginThrottle.Kind;
import io.alphintra.authservice.token.AccessTokens;
import io.alphintra.authservice.token.IssuedToken;
import io.alphintra.authservice.user.PasswordHasher;
import io.alphintra.authservice.user.UserAccount;
import io.alphintra.authservice.user.UserDisabledListener;
import io.alphintra.authservice.user.Users;
import io.alphintra.authservice.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Login, refresh with rotation, logout. Refused attempts still commit their throttle counts and
 * audit rows ({@code noRollbackFor}), or an attacker's failures would leave no trace.
 */
@Service
class Sessions implements UserDisabledListener {

  private static final String BAD_CREDENTIALS =
      "wrong username or password, or the account is disabled";
  private static final String BAD_REFRESH = "refresh_token: not valid; log in again";

  private final Users users;
  private final PasswordHasher passwords;
  private final LoginThrottle throttle;
  private final RefreshTokens refreshTokens;
  private final AccessTokens accessTokens;
  private final AuditLog audit;
  private final LoginMetrics metrics;
  private final Clock clock;

  Sessions(
      Users users,
      PasswordHasher passwords,
      LoginThrottle throttle,
      RefreshTokens refreshTokens,
      AccessTokens accessTokens,
      AuditLog audit,
      LoginMetrics metrics,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Transactional(noRollbackFor = ApiProblem.class)
  public TokenResponse login(String username, String password, String source) {
    if (PasswordHasher.tooLong(password)) {
      throw ApiProblem.badRequest(
          "password: at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes (UTF-8)");
    }
    refuseWhileLocked(
        throttle.lockedFor(Kind.SOURCE, source), "this client address", username, source);
    refuseWhileLocked(throttle.lockedFor(Kind.USER, username), "this user", username, source);
    Optional<UserAccount> found = users.byUsername(username);
    boolean passwordMatches =
        found
            .map(user -> passwords.matches(password, user.passwordHash()))
            .orElseGet(
                () -> {
                  passwords.matchDecoy(password);
                  return false;
                });
    if (!passwordMatches || !found.get().enabled()) {
      boolean locked = throttle.failed(Kind.SOURCE, source);
      if (found.isPresent() && !passwordMatches) {
        locked |= throttle.failed(Kind.USER, username);
      }
      String why =
          found.isEmpty()
              ? "unknown user"
              : passwordMatches ? "account disabled" : "wrong password";
      audit.record(
          AuditEvent.LOGIN_FAILED,
          "anonymous",
          username,
          source,
          why + (locked ? "; now locked" : ""));
      metrics.login(LoginMetrics.Result.BAD_CREDENTIALS);
      throw ApiProblem.unauthorized(BAD_CREDENTIALS);
    }
    UserAccount user = found.get();
    throttle.succeeded(Kind.USER, username);
    TokenResponse tokens = issue(user, UUID.randomUUID());
    audit.record(AuditEvent.LOGIN_SUCCEEDED, user.username(), user.username(), source, null);
    metrics.login(LoginMetrics.Result.SUCCESS);
    return tokens;
  }

  @Transactional(noRollbackFor = ApiProblem.class)
  public TokenResponse refresh(String refreshToken, String source) {
    RefreshTokens.Stored stored =
        refreshTokens
            .lockByToken(refreshToken)
            .orElseThrow(
                () -> {
                  audit.record(
                      AuditEvent.REFRESH_REJECTED,
                      "anonymous",
                      null,
                      source,
                      "unknown refresh token");
                  return ApiProblem.unauthorized(BAD_REFRESH);
                });
    UserAccount user =
        users.byId(stored.userId()).orElseThrow(() -> ApiProblem.unauthorized(BAD_REFRESH));
    if (stored.rotated() && !stored.revoked()) {
      // A rotated token came back: someone holds a copy. Revoke the whole family, the thief's and
      // the owner's.
      int revoked = refreshTokens.revokeFamily(stored.familyId());
      audit.record(
          AuditEvent.REFRESH_REUSE_DETECTED,
          "anonymous",
          user.username(),
          source,
          "family " + stored.familyId() + " revoked (" + revoked + " live tokens)");
      throw ApiProblem.unauthorized(
          "refresh_token: was already used; every token of this login is revoked, log in again");
    }
    if (stored.revoked()
        || stored.rotated()
        || !clock.instant().isBefore(stored.expiresAt())
        || !user.enabled()) {
      audit.record(
          AuditEvent.REFRESH_REJECTED,
          "anonymous",
          user.username(),
          source,
          stored.revoked() ? "revoked" : user.enabled() ? "expired" : "account disabled");
      throw ApiProblem.unauthorized(BAD_REFRESH);
    }
    refreshTokens.markRotated(stored.id());
    TokenResponse tokens = issue(user, stored.familyId());
    audit.record(AuditEvent.TOKEN_REFRESHED, user.username(), user.username(), source, null);
    return tokens;
  }

  /**
   * Revokes the login the refresh token belongs to; unknown tokens are ignored, so logout is
   * idempotent.
   */
  @Transactional
  public void logout(String refreshToken, String source) {
    refreshTokens
        .lockByToken(refreshToken)
        .ifPresent(
            stored -> {
              int revoked = refreshTokens.revokeFamily(stored.familyId());
              String username = users.byId(stored.userId()).map(UserAccount::username).orElse(null);
              audit.record(
                  AuditEvent.LOGOUT,
                  username == null ? "anonymous" : username,
                  username,
                  source,
                  revoked + " live tokens revoked");
            });
  }

  @Override
  public void userDisabled(UUID userId) {
    refreshTokens.revokeAllOf(userId);
  }

  private TokenResponse issue(UserAccount user, UUID familyId) {
    IssuedToken access =
        accessTokens.issue(user.id().toString(), user.username(), user.roles(), Map.of());
    String refresh = refreshTokens.issue(user.id(), familyId);
    metrics.issued("access");
    metrics.issued("refresh");
    long expiresIn = Duration.between(clock.instant(), access.expiresAt()).toSeconds();
    return new TokenResponse(access.token(), "Bearer", expiresIn, refresh);
  }

  private void refuseWhileLocked(
      Optional<Duration> lockedFor, String who, String username, String source) {
    if (lockedFor.isPresent()) {
      audit.record(AuditEvent.LOGIN_LOCKED, "anonymous", username, source, who + " is locked");
      metrics.login(LoginMetrics.Result.LOCKED);
      throw ApiProblem.tooManyAttempts(
          "too many failed logins for "
              + who
              + "; retry after "
              + Math.max(1, lockedFor.get().toSeconds())
              + " s",
          lockedFor.get());
    }
  }
}
