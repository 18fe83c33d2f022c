package io.alphintra.brokerconnector.order;

import org.springframework.http.HttpStatus;

/**
 * A request the connector refuses itself, with the HTTP status and a stable {@code reason} (e.g.
 * PRICE_FILTER, CLIENT_ORDER_ID_CONFLICT) the platform can branch on.
 */
public class OrderProblem extends RuntimeException {

  private final HttpStatus status;
  private final String reason;

  public OrderProblem(HttpStatus status, String reason, String message) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
  }

  public HttpStatus status() {
    return status;
  }

  public String reason() {
    return reason;
  }
}
