package io.alphintra.tradingapi.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error a caller can cause, with its HTTP status, a stable {@code reason} to branch on and a
 * message that names what was wrong and how to fix it.
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String reason;
  private final Map<String, Object> properties;

  public ApiProblem(HttpStatus status, String reason, String message) {
    this(status, reason, message, Map.of());
  }

  public ApiProblem(
      HttpStatus status, String reason, String message, Map<String, Object> properties) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
    this.properties = properties;
  }

  public static ApiProblem notFound(String message) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", message);
  }

  public static ApiProblem forbidden(String message) {
    return new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", message);
  }

  public static ApiProblem badRequest(String message) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", message);
  }

  public HttpStatus status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
