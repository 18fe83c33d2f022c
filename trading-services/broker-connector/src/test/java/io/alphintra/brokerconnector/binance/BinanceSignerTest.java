package io.alphintra.brokerconnector.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceSignerTest {

  private static final String DOCUMENTED_SECRET =
      "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

  @Test
  void signsBinancesDocumentedExampleToItsDocumentedSignature() {
    String payload =
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";

    assertThat(new BinanceSigner(DOCUMENTED_SECRET).sign(payload))
        .isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  }

  @Test
  void encodesParametersInInsertionOrderWithUrlEncodedValues() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("symbol", "BTCUSDT");
    parameters.put("symbols", "[\"BTCUSDT\",\"ETHUSDT\"]");
    parameters.put("newClientOrderId", "a:b/c");

    assertThat(BinanceRestClient.encode(parameters))
        .isEqualTo(
            "symbol=BTCUSDT&symbols=%5B%22BTCUSDT%22%2C%22ETHUSDT%22%5D&newClientOrderId=a%3Ab%2Fc");
  }

  @Test
  void neverPrintsTheSecretKey() {
    assertThat(new BinanceSigner(DOCUMENTED_SECRET).toString()).doesNotContain(DOCUMENTED_SECRET);
  }
}
