package io.alphintra.brokersimulator.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestSignatureTest {

  /** The example from Binance's "SIGNED endpoint examples for POST /api/v3/order". */
  private static final String SECRET =
      "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

  private static final String PAYLOAD =
      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
  private static final String SIGNATURE =
      "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

  @Test
  void signsBinancesDocumentedExampleToItsDocumentedSignature() {
    assertThat(RequestSignature.sign(SECRET, PAYLOAD)).isEqualTo(SIGNATURE);
  }

  @Test
  void apiAccountAcceptsTheDocumentedSignatureInAnyHexCase() {
    ApiAccount account = new ApiAccount("key", SECRET, 1);

    assertThat(account.signatureMatches(PAYLOAD, SIGNATURE)).isTrue();
    assertThat(account.signatureMatches(PAYLOAD, SIGNATURE.toUpperCase())).isTrue();
  }

  @Test
  void apiAccountRejectsATamperedPayloadOrMissingSignature() {
    ApiAccount account = new ApiAccount("key", SECRET, 1);

    assertThat(account.signatureMatches(PAYLOAD.replace("quantity=1", "quantity=2"), SIGNATURE))
        .isFalse();
    assertThat(account.signatureMatches(PAYLOAD, null)).isFalse();
  }

  @Test
  void apiAccountNeverPrintsItsSecret() {
    assertThat(new ApiAccount("key", SECRET, 1).toString()).doesNotContain(SECRET);
    assertThat(new AccountProperties.Credentials("key", SECRET, null).toString())
        .doesNotContain(SECRET);
  }
}
