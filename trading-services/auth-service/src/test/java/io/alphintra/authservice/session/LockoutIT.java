package io.alphintra.authservice.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.ApiClient.Reply;
import io.alphintra.authservice.testing.RunningAuthService;
import io.alphintra.authservice.user.Role;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Per-user lockout from 127.0.0.2 and per-source lockout from 127.0.0.3, apart from the other ITs'
 * 127.0.0.1.
 */
class LockoutIT extends RunningAuthService {

  @Test
  void fiveWrongPasswordsLockTheUserEvenForTheRightPassword() {
    String user = createUser("locked", EnumSet.of(Role.TRADER));
    ApiClient api = new ApiClient(port, "127.0.0.2");
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(login(api, user, "wrong-password-" + attempt).status()).isEqualTo(401);
    }

    Reply rightPassword = login(api, user, PASSWORD);

    assertThat(rightPassword.status()).isEqualTo(429);
    assertThat(rightPassword.response().headers().firstValue("Retry-After")).isPresent();
    assertThat(rightPassword.text("detail")).contains("too many failed logins for this user");
    assertThat(auditEvents(user))
        .containsSubsequence(
            "LOGIN_FAILED",
            "LOGIN_FAILED",
            "LOGIN_FAILED",
            "LOGIN_FAILED",
            "LOGIN_FAILED",
            "LOGIN_LOCKED");
  }

  @Test
  void aSuccessfulLoginResetsTheUsersFailures() {
    String user = createUser("reset", EnumSet.of(Role.TRADER));
    ApiClient api = new ApiClient(port, "127.0.0.2");
    for (int attempt = 0; attempt < 4; attempt++) {
      login(api, user, "wrong-password");
    }
    api.login(user, PASSWORD);
    for (int attempt = 0; attempt < 4; attempt++) {
      login(api, user, "wrong-password");
    }

    assertThat(login(api, user, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void manyFailuresFromOneAddressLockThatAddressOnly() {
    // 127.0.0.3 stands for an attacker spraying user names; other tests use 127.0.0.1.
    ApiClient attacker = new ApiClient(port, "127.0.0.3");
    String victim = createUser("victim", EnumSet.of(Role.VIEWER));
    for (int attempt = 0; attempt < 20; attempt++) {
      login(attacker, "sprayed-" + attempt, "password-" + attempt);
    }

    Reply fromAttacker = login(attacker, victim, PASSWORD);
    Reply fromElsewhere = login(client(), victim, PASSWORD);

    assertThat(fromAttacker.status()).isEqualTo(429);
    assertThat(fromAttacker.text("detail")).contains("this client address");
    assertThat(fromElsewhere.status()).isEqualTo(200);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM audit_event WHERE event = 'LOGIN_LOCKED' AND source = '127.0.0.3'")
                .query(Long.class)
                .single())
        .isPositive();
  }

  private static Reply login(ApiClient api, String user, String password) {
    return api.post(
        "/api/v1/auth/login",
        ApiClient.json().put("username", user).put("password", password),
        null);
  }
}
