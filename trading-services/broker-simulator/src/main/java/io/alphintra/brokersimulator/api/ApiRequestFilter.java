package io.alphintra.brokersimulator.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Captures the raw query string and body of {@code /api/} requests before anything parses them,
 * because the signature covers the exact bytes the client sent.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiRequestFilter extends OncePerRequestFilter {

  private static final int MAX_BODY_BYTES = 64 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES);
    String rawBody = body.length == 0 ? "" : new String(body, StandardCharsets.UTF_8);
    request.setAttribute(
        ApiParameters.ATTRIBUTE, new ApiParameters(request.getQueryString(), rawBody));
    chain.doFilter(new ReplayedBody(request, body), response);
  }

  /** Lets later readers of the body see it again. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous only");
        }

        @Override
        public int read() {
          return in.read();
        }
      };
    }
  }
}
