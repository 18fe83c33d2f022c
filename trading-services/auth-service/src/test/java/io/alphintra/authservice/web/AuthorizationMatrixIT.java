package io.alphintra.authservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.RunningAuthService;
import io.alphintra.authservice.token.AccessTokens;
import io.alphintra.authservice.user.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every endpoint × every role and anonymous, with the status each must get. */
class AuthorizationMatrixIT extends RunningAuthService {

  /** A caller of the matrix: no token, or a genuine token with exactly one role. */
  enum Caller {
    ANONYMOUS,
    ADMIN,
    TRADER,
    QUANT,
    VIEWER,
    STRATEGY
  }

  /** One endpoint: how to call it, and the status for an allowed caller. */
  record Endpoint(
      String name,
      BiFunction<AuthorizationMatrixIT, String, ApiClient.Reply> call,
      int allowed,
      EnumSet<Caller> callers) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final EnumSet<Caller> EVERYONE = EnumSet.allOf(Caller.class);
  private static final EnumSet<Caller> SIGNED_IN =
      EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
  private static final EnumSet<Caller> ADMINS = EnumSet.of(Caller.ADMIN);

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint(
              "GET /.well-known/jwks.json",
              (it, token) -> it.client().get("/.well-known/jwks.json", token),
              200,
              EVERYONE),
          new Endpoint(
              "GET /v3/api-docs",
              (it, token) -> it.client().get("/v3/api-docs", token),
              200,
              EVERYONE),
          new Endpoint(
              "GET /actuator/health",
              (it, token) -> it.client().get("/actuator/health", token),
              200,
              EVERYONE),
          new Endpoint(
              "POST /api/v1/auth/login",
              (it, token) ->
                  it.client()
                      .post(
                          "/api/v1/auth/login",
                          ApiClient.json().put("username", ADMIN).put("password", ADMIN_PASSWORD),
                          token),
              200,
              EVERYONE),
          new Endpoint(
              "POST /api/v1/auth/refresh",
              (it, token) ->
                  it.client()
                      .post(
                          "/api/v1/auth/refresh",
                          ApiClient.json()
                              .put(
                                  "refresh_token",
                                  it.client().login(ADMIN, ADMIN_PASSWORD).text("refresh_token")),
                          token),
              200,
              EVERYONE),
          new Endpoint(
              "POST /api/v1/auth/logout",
              (it, token) ->
                  it.client()
                      .post(
                          "/api/v1/auth/logout",
                          ApiClient.json().put("refresh_token", "unknown"),
                          token),
              204,
              EVERYONE),
          // Public; without a Kubernetes API configured in this context it cannot review the token:
          // 503 for everyone.
          new Endpoint(
              "POST /api/v1/auth/strategy-token",
              (it, token) ->
                  it.client()
                      .post(
                          "/api/v1/auth/strategy-token",
                          ApiClient.json().put("service_account_token", "a-projected-token"),
                          token),
              503,
              EVERYONE),
          new Endpoint(
              "GET /api/v1/auth/me",
              (it, token) -> it.client().get("/api/v1/auth/me", token),
              200,
              SIGNED_IN),
          new Endpoint(
              "GET /api/v1/users",
              (it, token) -> it.client().get("/api/v1/users", token),
              200,
              ADMINS),
          new Endpoint(
              "GET /api/v1/users/{username}",
              (it, token) -> it.client().get("/api/v1/users/" + ADMIN, token),
              200,
              ADMINS),
          new Endpoint(
              "POST /api/v1/users",
              (it, token) ->
                  it.client()
                      .post(
                          "/api/v1/users",
                          ApiClient.json()
                              .put(
                                  "username",
                                  "matrix-" + UUID.randomUUID().toString().substring(0, 8))
                              .put("password", PASSWORD)
                              .set("roles", ApiClient.json().arrayNode().add("VIEWER")),
                          token),
              201,
              ADMINS),
          new Endpoint(
              "PUT /api/v1/users/{username}/roles",
              (it, token) ->
                  it.client()
                      .put(
                          "/api/v1/users/" + it.target() + "/roles",
                          "{\"roles\":[\"VIEWER\"]}",
                          token),
              200,
              ADMINS),
          new Endpoint(
              "POST /api/v1/users/{username}/disable",
              (it, token) ->
                  it.client().post("/api/v1/users/" + it.target() + "/disable", "", token),
              200,
              ADMINS),
          new Endpoint(
              "POST /api/v1/users/{username}/enable",
              (it, token) ->
                  it.client().post("/api/v1/users/" + it.target() + "/enable", "", token),
              200,
              ADMINS));

  @Autowired private AccessTokens accessTokens;

  private String target;

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint endpoint : ENDPOINTS) {
      for (Caller caller : Caller.values()) {
        int expected =
            endpoint.callers().contains(caller)
                ? endpoint.allowed()
                : caller == Caller.ANONYMOUS ? 401 : 403;
        cases.add(Arguments.of(endpoint, caller, expected));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @MethodSource("matrix")
  void everyEndpointAnswersEveryCallerAsTheMatrixSays(
      Endpoint endpoint, Caller caller, int expected) {
    String token =
        caller == Caller.ANONYMOUS
            ? null
            : accessTokens
                .issue(
                    "matrix-" + caller,
                    "matrix-" + caller,
                    EnumSet.of(Role.valueOf(caller.name())),
                    Map.of())
                .token();

    ApiClient.Reply reply = endpoint.call().apply(this, token);

    assertThat(reply.status())
        .as("%s as %s: %s", endpoint, caller, reply.raw())
        .isEqualTo(expected);
  }

  /** A user the re-role/disable rows act on, made once per test. */
  String target() {
    if (target == null) {
      target = createUser("target", EnumSet.of(Role.VIEWER));
    }
    return target;
  }
}
