package io.alphintra.brokersimulator.account;

import java.nio.charset.StandardCharsets;

/** An account reachable through the API: its key, its signing secret and its ledger account. */
public final class ApiAccount {

  private final String apiKey;
  private final byte[] secretKey;
  private final int ledgerAccountId;

  ApiAccount(String apiKey, String secretKey, int ledgerAccountId) {
    this.apiKey = apiKey;
    this.secretKey = secretKey.getBytes(StandardCharsets.UTF_8);
    this.ledgerAccountId = ledgerAccountId;
  }

  public String apiKey() {
    return apiKey;
  }

  public int ledgerAccountId() {
    return ledgerAccountId;
  }

  public boolean signatureMatches(String payload, String signature) {
    return RequestSignature.matches(secretKey, payload, signature);
  }

  /** The secret never leaves this object, not even through toString. */
  @Override
  public String toString() {
    return "ApiAccount[apiKey=" + apiKey + ", ledgerAccountId=" + ledgerAccountId + "]";
  }
}
