package io.alphintra.brokerconnector.venue;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Last line of defence for text that leaves the process (logs, health, API errors): replaces the
 * API key and secret with asterisks wherever they appear, e.g. inside a proxy's echoed error.
 */
@Component
public class SecretRedactor {

  private static final String MASK = "****";
  private final List<String> secrets;

  public SecretRedactor(BrokerProperties properties) {
    this.secrets =
        java.util.stream.Stream.of(properties.apiKey(), properties.secretKey())
            .filter(secret -> secret.length() >= 4)
            .toList();
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }
}
