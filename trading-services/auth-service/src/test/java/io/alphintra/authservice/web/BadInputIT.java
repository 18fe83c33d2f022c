package io.alphintra.authservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.ApiClient.Reply;
import io.alphintra.authservice.testing.RunningAuthService;
import org.junit.jupiter.api.Test;

/** Bad input gets a 400 naming the field, never a 500. */
class BadInputIT extends RunningAuthService {

  @Test
  void missingFieldsAreNamed() {
    Reply reply = client().post("/api/v1/auth/login", "{\"username\":\"alice\"}", null);

    assertBadRequest(reply, "password");
  }

  @Test
  void aMissingFieldIsNamedAsItIsWrittenInJson() {
    assertBadRequest(client().post("/api/v1/auth/refresh", "{}", null), "refresh_token");
  }

  @Test
  void everyMissingFieldOfACreateIsNamed() {
    Reply reply = client().post("/api/v1/users", "{}", adminToken());

    assertBadRequest(reply, "password", "roles", "username");
  }

  @Test
  void malformedJsonIsABadBody() {
    Reply reply = client().post("/api/v1/auth/login", "{\"username\": \"alice\", ", null);

    assertBadRequest(reply, "body");
    assertThat(reply.text("detail")).contains("not valid JSON");
  }

  @Test
  void aMissingBodyIsABadBody() {
    assertBadRequest(client().post("/api/v1/auth/refresh", "", null), "body");
  }

  @Test
  void anUnknownRoleNamesTheRolesField() {
    Reply reply =
        client().put("/api/v1/users/" + ADMIN + "/roles", "{\"roles\":[\"GOD\"]}", adminToken());

    assertBadRequest(reply, "roles[0]");
  }

  @Test
  void anOversizedBodyIsRefused() {
    String huge = "{\"username\":\"" + "a".repeat(20_000) + "\",\"password\":\"x\"}";

    assertBadRequest(client().post("/api/v1/auth/login", huge, null), "body");
  }

  @Test
  void anOversizedFieldIsNamed() {
    String body =
        ApiClient.json().put("username", "a".repeat(65)).put("password", "x".repeat(73)).toString();

    assertBadRequest(client().post("/api/v1/auth/login", body, null), "password", "username");
  }

  @Test
  void aShortPasswordForANewUserIsNamed() {
    Reply reply =
        client()
            .post(
                "/api/v1/users",
                "{\"username\":\"shorty\",\"password\":\"short\",\"roles\":[\"VIEWER\"]}",
                adminToken());

    assertBadRequest(reply, "password");
    assertThat(reply.text("detail")).contains("at least 12 characters");
  }

  private static void assertBadRequest(Reply reply, String... fields) {
    assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
    assertThat(reply.body().path("errors").findValuesAsString("field"))
        .as(reply.raw())
        .containsExactly(fields);
  }
}
