package io.alphintra.authservice.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.ApiClient.Reply;
import io.alphintra.authservice.testing.RunningAuthService;
import io.alphintra.authservice.user.Role;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class LoginFlowIT extends RunningAuthService {

  @Test
  void loginIssuesAShortLivedRs256AccessTokenAndAnOpaqueRefreshToken() throws Exception {
    String user = createUser("trader", EnumSet.of(Role.TRADER, Role.VIEWER));

    Reply login = client().login(user, PASSWORD);
    SignedJWT jwt = SignedJWT.parse(login.text("access_token"));
    Reply me = client().get("/api/v1/auth/me", login.text("access_token"));

    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getHeader().getKeyID()).isNotBlank();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://auth.test");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("alphintra");
    assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
    assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles"))
        .containsExactly("TRADER", "VIEWER");
    assertThat(
            Duration.between(
                jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                jwt.getJWTClaimsSet().getExpirationTime().toInstant()))
        .isLessThanOrEqualTo(Duration.ofMinutes(15));
    assertThat(login.body().path("expires_in").asLong()).isBetween(1L, 900L);
    assertThat(login.text("token_type")).isEqualTo("Bearer");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("username")).isEqualTo(user);
    assertThat(me.text("subject")).isEqualTo(jwt.getJWTClaimsSet().getSubject());
    assertThat(auditEvents(user)).contains("USER_CREATED", "LOGIN_SUCCEEDED");
  }

  @Test
  void theRefreshTokenIsStoredOnlyAsAHash() {
    String user = createUser("hash", EnumSet.of(Role.VIEWER));
    String refresh = client().login(user, PASSWORD).text("refresh_token");

    long plainRows =
        jdbc.sql("SELECT count(*) FROM refresh_token WHERE token_hash = convert_to(?, 'UTF8')")
            .param(refresh)
            .query(Long.class)
            .single();
    long hashedRows =
        jdbc.sql(
                "SELECT count(*) FROM refresh_token WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
            .param(refresh)
            .query(Long.class)
            .single();

    assertThat(plainRows).isZero();
    assertThat(hashedRows).isEqualTo(1);
  }

  @Test
  void everyRefreshRotatesTheRefreshToken() {
    String user = createUser("rotate", EnumSet.of(Role.QUANT));
    ApiClient api = client();
    String first = api.login(user, PASSWORD).text("refresh_token");

    Reply refreshed =
        api.post("/api/v1/auth/refresh", ApiClient.json().put("refresh_token", first), null);
    String second = refreshed.text("refresh_token");
    Reply again =
        api.post("/api/v1/auth/refresh", ApiClient.json().put("refresh_token", second), null);

    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(second).isNotEqualTo(first);
    assertThat(api.get("/api/v1/auth/me", refreshed.text("access_token")).status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(auditEvents(user))
        .containsSubsequence("LOGIN_SUCCEEDED", "TOKEN_REFRESHED", "TOKEN_REFRESHED");
  }

  @Test
  void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
    String user = createUser("reuse", EnumSet.of(Role.TRADER));
    ApiClient api = client();
    String stolen = api.login(user, PASSWORD).text("refresh_token");
    String current =
        api.post("/api/v1/auth/refresh", ApiClient.json().put("refresh_token", stolen), null)
            .text("refresh_token");

    Reply reuse =
        api.post("/api/v1/auth/refresh", ApiClient.json().put("refresh_token", stolen), null);
    Reply ownerAfterwards =
        api.post("/api/v1/auth/refresh", ApiClient.json().put("refresh_token", current), null);
    Reply otherLogin =
        api.post(
            "/api/v1/auth/refresh",
            ApiClient.json().put("refresh_token", api.login(user, PASSWORD).text("refresh_token")),
            null);

    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.text("detail")).contains("already used");
    assertThat(ownerAfterwards.status()).isEqualTo(401);
    assertThat(otherLogin.status()).as("another login is another family").isEqualTo(200);
    assertThat(auditEvents(user)).contains("REFRESH_REUSE_DETECTED", "REFRESH_REJECTED");
  }

  @Test
  void logoutRevokesTheRefreshTokenAndIsIdempotent() {
    String user = createUser("logout", EnumSet.of(Role.VIEWER));
    ApiClient api = client();
    String refresh = api.login(user, PASSWORD).text("refresh_token");

    Reply logout =
        api.post("/api/v1/auth/logout", ApiClient.json().put("refresh_token", refresh), null);
    Reply again =
        api.post("/api/v1/auth/logout", ApiClient.json().put("refresh_token", refresh), null);
    Reply refreshAfter =
        api.post("/api/v1/auth/refresh", ApiClient.json().put("refresh_token", refresh), null);

    assertThat(logout.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(204);
    assertThat(refreshAfter.status()).isEqualTo(401);
    assertThat(auditEvents(user)).contains("LOGOUT");
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
    String user = createUser("same", EnumSet.of(Role.VIEWER));
    ApiClient api = client();

    Reply wrongPassword =
        api.post(
            "/api/v1/auth/login",
            ApiClient.json().put("username", user).put("password", "not-the-password"),
            null);
    Reply unknownUser =
        api.post(
            "/api/v1/auth/login",
            ApiClient.json().put("username", user + "-nobody").put("password", "not-the-password"),
            null);

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.text("detail")).isEqualTo(unknownUser.text("detail"));
    assertThat(wrongPassword.raw()).doesNotContain("not-the-password");
    assertThat(auditEvents(user)).contains("LOGIN_FAILED");
  }

  @Test
  void loginsAndIssuedTokensAreCountedInPrometheus() {
    String user = createUser("metrics", EnumSet.of(Role.VIEWER));
    client().login(user, PASSWORD);

    String metrics = client().get("/actuator/prometheus", null).raw();

    assertThat(metrics)
        .contains("auth_logins_total{application=\"auth-service\",result=\"success\"}")
        .contains("auth_tokens_issued_total{application=\"auth-service\",kind=\"access\"}");
  }
}
