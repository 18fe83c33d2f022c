package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.AccountDirectory;
import io.alphintra.brokersimulator.account.ApiAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Authenticates SIGNED endpoints the way Binance does: API key from {@code X-MBX-APIKEY}, then
 * {@code timestamp}/{@code recvWindow}, then the HMAC-SHA256 signature of the total parameters.
 */
@Component
class SignedRequests {

  static final String API_KEY_HEADER = "X-MBX-APIKEY";
  private static final long DEFAULT_RECV_WINDOW = 5_000;
  private static final long MAX_RECV_WINDOW = 60_000;
  private static final long MAX_CLOCK_AHEAD = 1_000;

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
    long timestamp = parameters.requiredLong("timestamp");
    long recvWindow = parameters.optionalLong("recvWindow").orElse(DEFAULT_RECV_WINDOW);
    if (recvWindow <= 0 || recvWindow > MAX_RECV_WINDOW) {
      throw ApiException.recvWindowTooLarge();
    }
    long now = clock.millis();
    if (timestamp >= now + MAX_CLOCK_AHEAD) {
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
}
