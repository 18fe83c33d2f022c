package io.alphintra.authservice.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.ApiClient.Reply;
import io.alphintra.authservice.testing.RunningAuthService;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class AdminApiIT extends RunningAuthService {

  @Test
  void theBootstrapAdminFromTheSecretCanLogIn() {
    Reply me = client().get("/api/v1/auth/me", adminToken());

    assertThat(me.body().path("roles").get(0).asString()).isEqualTo("ADMIN");
    assertThat(
            jdbc.sql("SELECT actor FROM audit_event WHERE event = 'USER_CREATED' AND subject = ?")
                .param(ADMIN)
                .query(String.class)
                .single())
        .isEqualTo("bootstrap");
  }

  @Test
  void anAdminCreatesAUserWhoCanThenLogIn() {
    String user = createUser("new", EnumSet.of(Role.QUANT));

    Reply shown = client().get("/api/v1/users/" + user, adminToken());

    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.body().path("roles").get(0).asString()).isEqualTo("QUANT");
    assertThat(shown.raw()).doesNotContain("password").doesNotContain("$2a$");
    assertThat(client().login(user, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void disablingAUserRefusesLoginAndRevokesItsRefreshTokens() {
    String user = createUser("leaver", EnumSet.of(Role.TRADER));
    String refresh = client().login(user, PASSWORD).text("refresh_token");

    Reply disabled = client().post("/api/v1/users/" + user + "/disable", "", adminToken());
    Reply login =
        client()
            .post(
                "/api/v1/auth/login",
                ApiClient.json().put("username", user).put("password", PASSWORD),
                null);
    Reply refreshed =
        client().post("/api/v1/auth/refresh", ApiClient.json().put("refresh_token", refresh), null);
    Reply enabled = client().post("/api/v1/users/" + user + "/enable", "", adminToken());

    assertThat(disabled.body().path("enabled").asBoolean()).isFalse();
    assertThat(login.status()).isEqualTo(401);
    assertThat(refreshed.status()).isEqualTo(401);
    assertThat(enabled.body().path("enabled").asBoolean()).isTrue();
    assertThat(client().login(user, PASSWORD).status()).isEqualTo(200);
    assertThat(auditEvents(user)).contains("USER_DISABLED", "USER_ENABLED");
  }

  @Test
  void reRolingAUserShowsInItsNextToken() {
    String user = createUser("promoted", EnumSet.of(Role.VIEWER));

    Reply changed =
        client()
            .put(
                "/api/v1/users/" + user + "/roles",
                ApiClient.json()
                    .set("roles", ApiClient.json().arrayNode().add("TRADER").add("QUANT")),
                adminToken());
    Reply me = client().get("/api/v1/auth/me", client().login(user, PASSWORD).text("access_token"));

    assertThat(changed.status()).isEqualTo(200);
    assertThat(me.body().path("roles").toString()).isEqualTo("[\"QUANT\",\"TRADER\"]");
    assertThat(
            jdbc.sql("SELECT detail FROM audit_event WHERE event = 'ROLES_CHANGED' AND subject = ?")
                .param(user)
                .query(String.class)
                .single())
        .isEqualTo("[VIEWER] -> [QUANT, TRADER]");
  }

  @Test
  void theStrategyRoleIsNeverGivenToAUser() {
    Reply reply =
        client()
            .post(
                "/api/v1/users",
                ApiClient.json()
                    .put("username", "sneaky")
                    .put("password", PASSWORD)
                    .set("roles", ApiClient.json().arrayNode().add("STRATEGY")),
                adminToken());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("detail")).startsWith("roles:");
  }

  @Test
  void aSecondUserOfTheSameNameIsAConflict() {
    String user = createUser("twice", EnumSet.of(Role.VIEWER));

    Reply reply =
        client()
            .post(
                "/api/v1/users",
                ApiClient.json()
                    .put("username", user)
                    .put("password", PASSWORD)
                    .set("roles", ApiClient.json().arrayNode().add("VIEWER")),
                adminToken());

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.text("detail")).startsWith("username:");
  }

  @Test
  void unknownUsersAreNotFound() {
    assertThat(client().post("/api/v1/users/nobody-here/disable", "", adminToken()).status())
        .isEqualTo(404);
  }
}
