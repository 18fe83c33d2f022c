package io.alphintra.brokerconnector.order;

import io.alphintra.brokerconnector.ratelimit.RateLimitWaitExceeded;
import io.alphintra.brokerconnector.venue.SecretRedactor;
import io.alphintra.brokerconnector.venue.VenueOutcomeUnknown;
import io.alphintra.brokerconnector.venue.VenueRateLimited;
import io.alphintra.brokerconnector.venue.VenueRejection;
import io.alphintra.brokerconnector.venue.VenueUnreachable;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem details for every API error, with a machine-readable {@code reason} (a filter
 * name, a venue code like {@code VENUE_-2010}, or a connector reason) and a message that says what
 * to change. Messages pass the {@link SecretRedactor}.
 */
@RestControllerAdvice
class OrderApiErrors {

  private final SecretRedactor redactor;

  OrderApiErrors(SecretRedactor redactor) {
    this.redactor = redactor;
  }

  @ExceptionHandler(OrderProblem.class)
  ResponseEntity<ProblemDetail> problem(OrderProblem problem) {
    // 503s (NOT_CONNECTED) are refusals before anything was sent: retrying the same request is
    // safe.
    return respond(
        problem.status(),
        problem.reason(),
        problem.getMessage(),
        problem.status() == HttpStatus.SERVICE_UNAVAILABLE ? "1" : null);
  }

  @ExceptionHandler(VenueUnreachable.class)
  ResponseEntity<ProblemDetail> unreachable(VenueUnreachable unreachable) {
    return respond(
        HttpStatus.SERVICE_UNAVAILABLE,
        "NOT_CONNECTED",
        "the venue is not reachable ("
            + unreachable.getMessage()
            + "); nothing was sent, retry shortly",
        "1");
  }

  @ExceptionHandler(VenueRejection.class)
  ResponseEntity<ProblemDetail> rejected(VenueRejection rejection) {
    HttpStatus status =
        rejection.code() == VenueRejection.ORDER_DOES_NOT_EXIST
            ? HttpStatus.NOT_FOUND
            : rejection.isAuthenticationFailure()
                ? HttpStatus.BAD_GATEWAY
                : HttpStatus.UNPROCESSABLE_ENTITY;
    return respond(
        status,
        "VENUE_" + rejection.code(),
        "the venue refused the request: " + rejection.getMessage(),
        null);
  }

  @ExceptionHandler(VenueRateLimited.class)
  ResponseEntity<ProblemDetail> limited(VenueRateLimited limited) {
    return respond(
        HttpStatus.SERVICE_UNAVAILABLE,
        "VENUE_RATE_LIMITED",
        "the venue asked us to back off: " + limited.getMessage(),
        Long.toString(Math.max(1, limited.retryAfterSeconds())));
  }

  @ExceptionHandler(RateLimitWaitExceeded.class)
  ResponseEntity<ProblemDetail> budget(RateLimitWaitExceeded exceeded) {
    return respond(
        HttpStatus.SERVICE_UNAVAILABLE,
        "RATE_LIMIT_BUDGET",
        exceeded.getMessage(),
        Long.toString(Math.max(1, (exceeded.retryAfterMillis() + 999) / 1000)));
  }

  @ExceptionHandler(VenueOutcomeUnknown.class)
  ResponseEntity<ProblemDetail> unknown(VenueOutcomeUnknown unknown) {
    return respond(
        HttpStatus.GATEWAY_TIMEOUT,
        "VENUE_UNAVAILABLE",
        "the venue did not answer in time: " + unknown.getMessage() + "; retry the read",
        null);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return respond(
        HttpStatus.BAD_REQUEST,
        "INVALID_ORDER",
        "the body is not a valid order: expected JSON with "
            + "clientOrderId, symbol, side (BUY|SELL), type (LIMIT|MARKET|LIMIT_MAKER), timeInForce (GTC|IOC|FOK), "
            + "quantity and price as decimals",
        null);
  }

  private ResponseEntity<ProblemDetail> respond(
      HttpStatus status, String reason, String message, String retryAfter) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, redactor.redact(message));
    detail.setType(URI.create("urn:alphintra:broker-connector:" + reason));
    detail.setProperty("reason", reason);
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
    if (retryAfter != null) {
      builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
    }
    return builder.body(detail);
  }
}
