package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.AccountDirectory;
import io.alphintra.brokersimulator.account.ApiAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Authenticates SIGNED endpoints the way Binance does: API key from {@code X-MBX-APIKEY}, then
 * {@code timestamp}/{@code recvWindow}, then the HMAC-SHA256 signature of the total parameters.
 * Times are compared in microseconds: {@code timestamp} may be sent in milliseconds or
 * microseconds, {@code recvWindow} in milliseconds with up to three decimals (e.g. 6000.346).
 */
@Component
class SignedRequests {

  static final String API_KEY_HEADER = "X-MBX-APIKEY";
  private static final long DEFAULT_RECV_WINDOW_MICROS = 5_000_000;
  private static final long MAX_RECV_WINDOW_MICROS = 60_000_000;
  private static final long MAX_CLOCK_AHEAD_MICROS = 1_000_000;

  private final AccountDirectory accounts;
  private final Clock clock;

  SignedRequests(AccountDirectory accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  ApiAccount authenticate(HttpServletRequest request, ApiParameters parameters) {
    return authenticate(request.getHeader(API_KEY_HEADER), parameters);
  }

  /** The same checks for a key that came in the parameters (the WebSocket API's {@code apiKey}). */
  ApiAccount authenticate(String apiKey, ApiParameters parameters) {
    if (apiKey == null || apiKey.isBlank() || !apiKey.chars().allMatch(c -> c > 32 && c < 127)) {
      throw ApiException.apiKeyFormatInvalid();
    }
    ApiAccount account = accounts.byApiKey(apiKey).orElseThrow(ApiException::apiKeyRejected);
    long timestamp = ApiParameters.toMicros(parameters.requiredLong("timestamp"));
    long recvWindow = recvWindowMicros(parameters);
    if (recvWindow <= 0 || recvWindow > MAX_RECV_WINDOW_MICROS) {
      throw ApiException.recvWindowTooLarge();
    }
    Instant instant = clock.instant();
    long now = instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    if (timestamp >= now + MAX_CLOCK_AHEAD_MICROS) {
      throw ApiException.timestampAhead();
    }
    if (now - timestamp > recvWindow) {
      throw ApiException.timestampOutsideRecvWindow();
    }
    String signature = parameters.required("signature");
    if (!account.signatureMatches(parameters.signaturePayload(), signature)) {
      throw ApiException.invalidSignature();
    }
    return account;
  }

  /** {@code recvWindow} in microseconds: milliseconds with at most three decimals. */
  private static long recvWindowMicros(ApiParameters parameters) {
    return parameters
        .optional("recvWindow")
        .map(
            text -> {
              BigDecimal millis;
              try {
                millis = new BigDecimal(text);
              } catch (NumberFormatException e) {
                throw ApiException.missingParameter("recvWindow");
              }
              if (millis.stripTrailingZeros().scale() > 3) {
                throw ApiException.tooMuchPrecision("recvWindow");
              }
              return millis.movePointRight(3).longValue();
            })
        .orElse(DEFAULT_RECV_WINDOW_MICROS);
  }
}
