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
  private final Object data;

  ApiException(HttpStatus status, int code, String message) {
    this(status, code, message, Map.of());
  }

  ApiException(HttpStatus status, int code, String message, Map<String, String> headers) {
    this(status, code, message, headers, null);
  }

  private ApiException(
      HttpStatus status, int code, String message, Map<String, String> headers, Object data) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
    this.data = data;
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

  /** Binance's optional {@code data} member (cancel-replace outcomes), or null. */
  public Object data() {
    return data;
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

  static ApiException invalidParameter(String name) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -1130, "Data sent for parameter '" + name + "' is not valid.");
  }

  static ApiException eitherParameterMissing(String first, String second) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1102,
        "Param '" + first + "' or '" + second + "' must be sent, but both were empty/null!");
  }

  static ApiException parameterNotRequired(String name) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -1106, "Parameter '" + name + "' sent when not required.");
  }

  static ApiException timeInForceNotRequired() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -1114, "TimeInForce parameter sent when not required.");
  }

  static ApiException unreadParameters(int read, int sent) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1104,
        "Not all sent parameters were read; read '"
            + read
            + "' parameter(s) but was sent '"
            + sent
            + "'.");
  }

  static ApiException badInterval() {
    return new ApiException(HttpStatus.BAD_REQUEST, -1120, "Invalid interval.");
  }

  static ApiException invalidTickerType() {
    return new ApiException(HttpStatus.BAD_REQUEST, -1139, "Invalid ticker type.");
  }

  static ApiException lookupIntervalTooBig(int hours) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1127,
        "More than " + hours + " hours between startTime and endTime.");
  }

  static ApiException invalidSymbolStatus() {
    return new ApiException(HttpStatus.BAD_REQUEST, -1122, "Invalid symbolStatus.");
  }

  static ApiException symbolStatusMismatch() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1220,
        "The symbol's status does not match the requested symbolStatus.");
  }

  static ApiException badParameterCombination() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -1128, "Combination of optional parameters invalid.");
  }

  static ApiException illegalSymbols(String legalRange) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1100,
        "Illegal characters found in parameter 'symbols'; legal range is '" + legalRange + "'.");
  }

  /** More values in a list parameter than the endpoint takes (-1101, Binance's wording). */
  static ApiException tooManyValues(String name, int max) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1101,
        "Too many values sent for parameter '" + name + "', maximum allowed up to " + max + ".");
  }

  static ApiException duplicateSymbols() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -1151, "Symbol is present multiple times in the list.");
  }

  /** A feature the symbol does not offer, in the matching engine's words (-2010). */
  static ApiException notSupportedBySymbol(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, -2010, message);
  }

  static ApiException insufficientLiquidity() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -2010,
        "Order book liquidity is less than `LOT_SIZE` filter minimum quantity.");
  }

  static ApiException cancelRestricted() {
    return new ApiException(
        HttpStatus.BAD_REQUEST, -2011, "Order was not canceled due to cancel restrictions.");
  }

  static ApiException invalidCancelRestrictions() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        -1145,
        "cancelRestrictions has to be either ONLY_NEW or ONLY_PARTIALLY_FILLED.");
  }

  static ApiException cancelReplaceFailed(HttpStatus status, Object data) {
    return cancelReplaceFailed(status, data, Map.of());
  }

  static ApiException cancelReplaceFailed(
      HttpStatus status, Object data, Map<String, String> headers) {
    return new ApiException(status, -2022, "Order cancel-replace failed.", headers, data);
  }

  static ApiException cancelReplacePartiallyFailed(
      HttpStatus status, Object data, Map<String, String> headers) {
    return new ApiException(status, -2021, "Order cancel-replace partially failed.", headers, data);
  }

  static ApiException tooManyRawRequests(int limit, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        -1003,
        "Too many requests; current limit is " + limit + " requests per 5 MINUTE.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static ApiException tooManyOrdersPerDay(int limit, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        -1015,
        "Too many new orders; current limit is " + limit + " orders per 1 DAY.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static ApiException unknownPath(String method, String path) {
    return new ApiException(
        HttpStatus.NOT_FOUND,
        -1000,
        "Unknown endpoint "
            + method
            + " "
            + path
            + "; the Binance Spot paths this venue serves are listed in its README.");
  }

  static ApiException methodNotSupported(String method, String path, String allowed) {
    return new ApiException(
        HttpStatus.METHOD_NOT_ALLOWED,
        -1020,
        "This operation is not supported: " + method + " " + path + " (allowed: " + allowed + ").");
  }

  static ApiException unknownError() {
    return new ApiException(
        HttpStatus.INTERNAL_SERVER_ERROR,
        -1000,
        "An unknown error occurred while processing the request.");
  }
}
