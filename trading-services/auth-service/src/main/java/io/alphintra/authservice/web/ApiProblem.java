package io.alphintra.authservice.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** An error a caller caused; its message goes to the caller, so it never carries a secret. */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final Duration retryAfter;

  private ApiProblem(HttpStatus status, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public static ApiProblem unauthorized(String message) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, message, null);
  }

  public static ApiProblem forbidden(String message) {
    return new ApiProblem(HttpStatus.FORBIDDEN, message, null);
  }

  public static ApiProblem badRequest(String message) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, message, null);
  }

  public static ApiProblem notFound(String message) {
    return new ApiProblem(HttpStatus.NOT_FOUND, message, null);
  }

  public static ApiProblem conflict(String message) {
    return new ApiProblem(HttpStatus.CONFLICT, message, null);
  }

  /**
   * Something this service depends on (e.g. the Kubernetes API) cannot answer; the caller may
   * retry.
   */
  public static ApiProblem unavailable(String message) {
    return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, message, null);
  }

  public static ApiProblem tooManyAttempts(String message, Duration retryAfter) {
    return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, message, retryAfter);
  }

  public HttpStatus status() {
    return status;
  }

  /** How long the caller should wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
