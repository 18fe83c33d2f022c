package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The parameters of one API request, from the query string and the form body, plus the exact text
 * Binance signs: the query string followed directly by the body, without the signature.
 */
final class ApiParameters {

  /**
   * Timestamps from here up are microseconds: 10^14 ms is the year 5138, 10^14 µs the year 1973.
   */
  private static final long MICROSECOND_TIMESTAMPS = 100_000_000_000_000L;

  static final String ATTRIBUTE = ApiParameters.class.getName();

  private final Map<String, String> values = new LinkedHashMap<>();
  private final String signaturePayload;

  ApiParameters(String rawQuery, String rawBody) {
    parseInto(values, rawQuery);
    parseInto(values, rawBody);
    this.signaturePayload = withoutSignature(rawQuery) + withoutSignature(rawBody);
  }

  private ApiParameters(Map<String, String> values, String signaturePayload) {
    this.values.putAll(values);
    this.signaturePayload = signaturePayload;
  }

  /**
   * The {@code params} object of a WebSocket API request: Binance signs them sorted by name as
   * {@code name=value} pairs joined by {@code &}, without {@code signature}.
   */
  static ApiParameters ofWebSocketParams(Map<String, String> params) {
    StringJoiner payload = new StringJoiner("&");
    new java.util.TreeMap<>(params)
        .forEach(
            (name, value) -> {
              if (!name.equals("signature")) {
                payload.add(name + "=" + value);
              }
            });
    return new ApiParameters(params, payload.toString());
  }

  static ApiParameters of(jakarta.servlet.http.HttpServletRequest request) {
    ApiParameters parameters = (ApiParameters) request.getAttribute(ATTRIBUTE);
    return parameters != null ? parameters : new ApiParameters(request.getQueryString(), "");
  }

  String signaturePayload() {
    return signaturePayload;
  }

  Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  String required(String name) {
    return optional(name).orElseThrow(() -> ApiException.missingParameter(name));
  }

  Optional<Long> optionalLong(String name) {
    return optional(name)
        .map(
            value -> {
              try {
                return Long.parseLong(value);
              } catch (NumberFormatException e) {
                throw ApiException.missingParameter(name);
              }
            });
  }

  /**
   * A time parameter ({@code startTime}, {@code endTime}) in milliseconds: Binance takes them in
   * milliseconds or microseconds, told apart by size. A microsecond start rounds up and an end
   * down, so the millisecond range holds exactly what the microsecond one does.
   */
  Optional<Long> optionalTimeMillis(String name, boolean isStart) {
    return optionalLong(name)
        .map(
            value ->
                value < MICROSECOND_TIMESTAMPS
                    ? value
                    : (isStart ? Math.ceilDiv(value, 1_000L) : Math.floorDiv(value, 1_000L)));
  }

  /** A millisecond or microsecond timestamp in microseconds. */
  static long toMicros(long timestamp) {
    return timestamp < MICROSECOND_TIMESTAMPS ? timestamp * 1_000 : timestamp;
  }

  /** Binance's {@code limit}: the default when absent, capped at the endpoint's maximum. */
  int limit(int defaultLimit, int max) {
    Optional<Long> limit = optionalLong("limit");
    if (limit.isEmpty()) {
      return defaultLimit;
    }
    if (limit.get() < 1) {
      throw ApiException.invalidParameter("limit");
    }
    return (int) Math.min(limit.get(), max);
  }

  /** Whether the client sent the parameter at all, even empty. */
  boolean sent(String name) {
    return values.containsKey(name);
  }

  /** Names of every parameter sent, in the order sent. */
  Set<String> names() {
    return Collections.unmodifiableSet(values.keySet());
  }

  Optional<BigDecimal> optionalDecimal(String name) {
    return optional(name).map(value -> requiredDecimal(name));
  }

  long requiredLong(String name) {
    return optionalLong(name).orElseThrow(() -> ApiException.missingParameter(name));
  }

  /** A positive decimal with at most 8 decimals (Binance's asset precision). */
  BigDecimal requiredDecimal(String name) {
    String value = required(name);
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw ApiException.missingParameter(name);
    }
    if (decimal.stripTrailingZeros().scale() > Assets.SCALE) {
      throw ApiException.tooMuchPrecision(name);
    }
    if (decimal.signum() <= 0) {
      throw ApiException.missingParameter(name);
    }
    return decimal;
  }

  private static void parseInto(Map<String, String> target, String raw) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      target.putIfAbsent(name, value);
    }
  }

  private static String withoutSignature(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    StringJoiner kept = new StringJoiner("&");
    for (String pair : raw.split("&")) {
      if (!pair.startsWith("signature=")) {
        kept.add(pair);
      }
    }
    return kept.toString();
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
