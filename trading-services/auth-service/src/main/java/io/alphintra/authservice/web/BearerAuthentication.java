package io.alphintra.authservice.web;

import io.alphintra.authservice.token.AccessTokenVerifier;
import io.alphintra.authservice.token.InvalidTokenException;
import io.alphintra.authservice.token.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Default deny: a handler needs a valid bearer access token unless it is {@link Public}, and one of
 * the roles of {@link RequiresRole} where that is present (on the method, else on the controller).
 */
@Component
class BearerAuthentication implements HandlerInterceptor {

  static final String CALLER = BearerAuthentication.class.getName() + ".caller";
  private static final String BEARER = "Bearer ";

  private final AccessTokenVerifier verifier;

  BearerAuthentication(AccessTokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method) || method.hasMethodAnnotation(Public.class)) {
      return true;
    }
    VerifiedToken caller = authenticate(request);
    request.setAttribute(CALLER, caller);
    RequiresRole required = method.getMethodAnnotation(RequiresRole.class);
    if (required == null) {
      required = method.getBeanType().getAnnotation(RequiresRole.class);
    }
    if (required != null && !caller.hasAnyRole(EnumSet.copyOf(List.of(required.value())))) {
      throw ApiProblem.forbidden(
          "this endpoint needs one of the roles " + List.of(required.value()));
    }
    return true;
  }

  private VerifiedToken authenticate(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ApiProblem.unauthorized(
          "send an access token: Authorization: Bearer <token from POST /api/v1/auth/login>");
    }
    try {
      return verifier.verify(header.substring(BEARER.length()).trim());
    } catch (InvalidTokenException e) {
      throw ApiProblem.unauthorized(e.getMessage());
    }
  }
}
