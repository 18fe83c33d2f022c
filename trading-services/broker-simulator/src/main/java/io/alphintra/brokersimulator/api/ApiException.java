package io.alphintra.brokersimulator.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A Binance Spot error: rendered as {@code {"code": ..., "msg": ...}} with its HTTP status. The
 * factories carry Binance's codes and messages so callers cannot get them wrong.
 */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final int code;
  private final Map<String, String> headers;

  ApiException(HttpStatus status, int code, String message) {
    this(status, code, message, Map.of());
  }

  ApiException(HttpStatus status, int code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  public HttpStatus status() {
    return status;
  }

  public int code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }

  static ApiException missingParameter(String name) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1102,
        "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
  }

  static ApiException orderIdOrClientOrderIdMissing() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1102,
        "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
  }

  static ApiException tooMuchPrecision(String name) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -1111, "Parameter '" + name + "' has too much precision.");
  }

  static ApiException invalidSymbol() {
    return new ApiException(HttpStatus.BAD_REQUEST, -1121, "Invalid symbol.");
  }

  static ApiException invalidSide() {
    return new ApiException(HttpStatus.BAD_REQUEST, -1117, "Invalid side.");
  }

  static ApiException invalidOrderType() {
    return new ApiException(HttpStatus.BAD_REQUEST, -1116, "Invalid orderType.");
  }

  static ApiException invalidTimeInForce() {
    return new ApiException(HttpStatus.BAD_REQUEST, -1115, "Invalid timeInForce.");
  }

  static ApiException filterFailure(String filter) {
    return new ApiException(HttpStatus.BAD_REQUEST, -1013, "Filter failure: " + filter);
  }

  static ApiException invalidAmendQuantity() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1013,
        "newQty must be greater than the executed quantity and less than the order's quantity.");
  }

  static ApiException insufficientBalance() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -2010, "Account has insufficient balance for requested action.");
  }

  static ApiException duplicateOrder() {
    return new ApiException(HttpStatus.BAD_REQUEST, -2010, "Duplicate order sent.");
  }

  static ApiException postOnlyWouldTake() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -2010, "Order would immediately match and take.");
  }

  static ApiException unknownOrderOnCancel() {
    return new ApiException(HttpStatus.BAD_REQUEST, -2011, "Unknown order sent.");
  }

  static ApiException orderDoesNotExist() {
    return new ApiException(HttpStatus.BAD_REQUEST, -2013, "Order does not exist.");
  }

  static ApiException apiKeyFormatInvalid() {
    return new ApiException(HttpStatus.UNAUTHORIZED, -2014, "API-key format invalid.");
  }

  static ApiException apiKeyRejected() {
    return new ApiException(
        HttpStatus.UNAUTHORIZED, -2015, "Invalid API-key, IP, or permissions for action.");
  }

  static ApiException timestampOutsideRecvWindow() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -1021, "Timestamp for this request is outside of the recvWindow.");
  }

  static ApiException timestampAhead() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1021,
        "Timestamp for this request was 1000ms ahead of the server's time.");
  }

  static ApiException recvWindowTooLarge() {
    return new ApiException(HttpStatus.BAD_REQUEST, -1131, "recvWindow must be less than 60000");
  }

  static ApiException invalidSignature() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -1022, "Signature for this request is not valid.");
  }

  static ApiException tooMuchWeight(int limit, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        -1003,
        "Too much request weight used; current limit is "
            + limit
            + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static ApiException banned(long bannedUntilMillis, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.I_AM_A_TEAPOT,
        -1003,
        "Way too much request weight used; IP banned until "
            + bannedUntilMillis
            + ". Please use WebSocket Streams for live updates to avoid bans.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static ApiException tooManyOrders(int limit, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        -1015,
        "Too many new orders; current limit is " + limit + " orders per 10 SECOND.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /**
   * The order may be live: Binance's "execution status unknown", answered with a 5xx on purpose.
   */
  static ApiException backendTimeout() {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        -1007,
        "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");
  }

  static ApiException injectedServerError() {
    return new ApiException(
        HttpStatus.INTERNAL_SERVER_ERROR,
        -1001,
        "Internal error; unable to process your request. Please try again.");
  }
}
