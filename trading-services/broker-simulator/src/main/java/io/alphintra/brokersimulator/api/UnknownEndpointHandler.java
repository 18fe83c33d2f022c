package io.alphintra.brokersimulator.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests no controller serves (an unknown path, or a known path with another method) answer a
 * Binance {@code {"code","msg"}} body instead of Spring's error page. Not limited to the API
 * package: these exceptions arise before any controller is chosen.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownEndpointHandler {

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<Map<String, Object>> unknownPath(HttpServletRequest request) {
    return render(ApiException.unknownPath(request.getMethod(), request.getRequestURI()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> unsupportedMethod(
      HttpRequestMethodNotSupportedException error, HttpServletRequest request) {
    String allowed =
        error.getSupportedHttpMethods() == null
            ? ""
            : String.join(
                ", ",
                error.getSupportedHttpMethods().stream().map(Object::toString).sorted().toList());
    return render(
        ApiException.methodNotSupported(request.getMethod(), request.getRequestURI(), allowed));
  }

  private static ResponseEntity<Map<String, Object>> render(ApiException error) {
    return ResponseEntity.status(error.status()).body(ApiErrorWriter.body(error));
  }
}
