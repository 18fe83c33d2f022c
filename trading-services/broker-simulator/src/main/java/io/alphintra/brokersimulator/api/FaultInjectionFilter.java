package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.fault.FaultInjector;
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

/** Adds latency to API requests and fails a share of them with a 5xx before anything executes. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class FaultInjectionFilter extends OncePerRequestFilter {

  private final FaultInjector faults;
  private final ObjectMapper json;

  FaultInjectionFilter(FaultInjector faults, ObjectMapper json) {
    this.faults = faults;
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
    long latency = faults.latencyMillis();
    if (latency > 0) {
      try {
        Thread.sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (faults.failWithServerError()) {
      ApiErrorWriter.write(response, ApiException.injectedServerError(), json);
      return;
    }
    chain.doFilter(request, response);
  }
}
