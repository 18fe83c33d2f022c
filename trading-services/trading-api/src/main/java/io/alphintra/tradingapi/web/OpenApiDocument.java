package io.alphintra.tradingapi.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The OpenAPI document at {@code /v3/api-docs} (springdoc, from the controllers); every operation
 * needs an auth-service access token. The checked-in copy is {@code openapi.json}.
 */
@Configuration
class OpenApiDocument {

  static final String BEARER = "bearer";

  static {
    // The caller's verified token is no request parameter.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Jwt.class);
  }

  @Bean
  OpenAPI tradingApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Alphintra trading-api")
                .version("v1")
                .description(
                    "Orders (idempotent per account and clientOrderId), pre-trade risk, fills,"
                        + " positions and PnL in front of the broker connections. Errors are"
                        + " application/problem+json with a stable reason."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An auth-service access token (RS256)")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}
