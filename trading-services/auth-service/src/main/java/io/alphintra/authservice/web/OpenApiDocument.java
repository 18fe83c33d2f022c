package io.alphintra.authservice.web;

import io.alphintra.authservice.token.VerifiedToken;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (springdoc, from the controllers). Each operation
 * states what {@link BearerAuthentication} enforces: {@link Public} ones need nothing, the others a
 * bearer access token, and {@link RequiresRole} ones one of those roles.
 */
@Configuration
class OpenApiDocument {

  static final String BEARER = "bearer";

  static {
    // The caller's verified token is resolved from the Authorization header, it is no request
    // parameter.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(VerifiedToken.class);
  }

  @Bean
  OpenAPI authServiceApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Alphintra auth-service")
                .version("v1")
                .description(
                    "Users and roles, RS256 access tokens (JWKS at /.well-known/jwks.json), rotating refresh tokens"
                        + " and workload identity for strategies. Errors are application/problem+json."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description(
                            "An access token from POST /api/v1/auth/login (or /strategy-token)")));
  }

  @Bean
  OperationCustomizer authenticationOfEachOperation() {
    return (operation, handler) -> {
      if (handler.hasMethodAnnotation(Public.class)) {
        return operation.security(List.of());
      }
      RequiresRole roles = handler.getMethodAnnotation(RequiresRole.class);
      if (roles == null) {
        roles = handler.getBeanType().getAnnotation(RequiresRole.class);
      }
      String who =
          roles == null
              ? "Needs an access token."
              : "Needs an access token with one of the roles "
                  + Arrays.stream(roles.value()).map(Enum::name).collect(Collectors.joining(", "))
                  + ".";
      operation.setDescription(
          operation.getDescription() == null ? who : operation.getDescription() + " " + who);
      return operation.security(List.of(new SecurityRequirement().addList(BEARER)));
    };
  }
}
