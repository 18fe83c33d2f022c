package io.alphintra.brokersimulator.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/** Charges each API request its weight and reports usage in {@code X-MBX-USED-WEIGHT-1M}. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimitFilter extends OncePerRequestFilter {

  static final String USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

  private final RateLimiter limiter;
  private final ObjectMapper json;

  RateLimitFilter(RateLimiter limiter, ObjectMapper json) {
    this.limiter = limiter;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ApiParameters parameters = (ApiParameters) request.getAttribute(ApiParameters.ATTRIBUTE);
    int weight = RequestWeights.of(request.getMethod(), request.getRequestURI(), parameters);
    int used;
    try {
      limiter.countRawRequest(request.getRemoteAddr());
      used = limiter.chargeWeight(request.getRemoteAddr(), weight);
    } catch (ApiException limited) {
      ApiErrorWriter.write(response, limited, json);
      return;
    }
    response.setHeader(USED_WEIGHT_HEADER, Integer.toString(used));
    chain.doFilter(request, response);
  }
}
