package io.alphintra.authservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every request body of this API is small; a larger one is refused before anything reads it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

  static final long MAX_BODY_BYTES = 16 * 1024;

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response
          .getWriter()
          .write(
              "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"request body: at most "
                  + MAX_BODY_BYTES
                  + " bytes\",\"errors\":[{\"field\":\"body\",\"message\":\"at most "
                  + MAX_BODY_BYTES
                  + " bytes\"}]}");
      return;
    }
    chain.doFilter(request, response);
  }
}
