package io.alphintra.authservice.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts bearer authentication in front of every controller but the OpenAPI document's. */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

  static final String[] OPENAPI_PATHS = {"/v3/api-docs", "/v3/api-docs/**"};

  private final BearerAuthentication authentication;

  WebConfiguration(BearerAuthentication authentication) {
    this.authentication = authentication;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // The OpenAPI document describes the API, it grants nothing: public like the JWKS.
    registry.addInterceptor(authentication).excludePathPatterns(OPENAPI_PATHS);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerArgumentResolver());
  }
}
