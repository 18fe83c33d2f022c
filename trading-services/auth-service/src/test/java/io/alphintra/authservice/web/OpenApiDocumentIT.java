package io.alphintra.authservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.RunningAuthService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is public and lists every endpoint of every controller, with how each is
 * authenticated.
 */
class OpenApiDocumentIT extends RunningAuthService {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping mappings;

  @Test
  void everyControllerMappingIsInTheDocument() {
    ApiClient.Reply reply = client().get("/v3/api-docs", null);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    JsonNode paths = reply.body().path("paths");

    List<String> endpoints = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              if (!handler.getBeanType().getPackageName().startsWith("io.alphintra.authservice")) {
                return;
              }
              for (String path : info.getPathPatternsCondition().getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                  endpoints.add(method + " " + path);
                }
              }
            });

    assertThat(endpoints)
        .contains("POST /api/v1/auth/strategy-token", "GET /.well-known/jwks.json");
    assertThat(endpoints)
        .allSatisfy(
            endpoint -> {
              String[] methodAndPath = endpoint.split(" ", 2);
              assertThat(paths.path(methodAndPath[1]).has(methodAndPath[0].toLowerCase()))
                  .as("%s is in /v3/api-docs (paths: %s)", endpoint, paths.propertyNames())
                  .isTrue();
            });
  }

  @Test
  void eachOperationSaysHowItIsAuthenticated() {
    JsonNode paths = client().get("/v3/api-docs", null).body().path("paths");

    assertThat(paths.path("/api/v1/auth/login").path("post").path("security").toString())
        .isEqualTo("[]");
    assertThat(paths.path("/api/v1/auth/me").path("get").path("security").toString())
        .isEqualTo("[{\"bearer\":[]}]");
    assertThat(paths.path("/api/v1/users").path("post").path("description").asString())
        .contains("ADMIN");
  }

  @Test
  void theCallersTokenIsNoParameter() {
    JsonNode paths = client().get("/v3/api-docs", null).body().path("paths");

    assertThat(paths.path("/api/v1/auth/me").path("get").has("parameters"))
        .as(paths.toString())
        .isFalse();
    assertThat(
            paths
                .path("/api/v1/users/{username}")
                .path("get")
                .path("parameters")
                .findValuesAsString("name"))
        .containsExactly("username");
  }

  @Test
  void requestBodiesAreDescribedByTheirJsonNames() {
    String document = client().get("/v3/api-docs", null).raw();

    assertThat(document)
        .contains("\"service_account_token\"", "\"refresh_token\"")
        .doesNotContain("\"serviceAccountToken\"", "\"refreshToken\"");
  }
}
