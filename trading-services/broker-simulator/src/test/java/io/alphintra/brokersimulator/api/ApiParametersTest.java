package io.alphintra.brokersimulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiParametersTest {

  @Test
  void signsTheQueryStringFollowedDirectlyByTheBodyWithoutTheSignature() {
    ApiParameters parameters =
        new ApiParameters(
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
            "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=abc");

    assertThat(parameters.signaturePayload())
        .isEqualTo(
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
    assertThat(parameters.required("price")).isEqualTo("0.1");
    assertThat(parameters.required("signature")).isEqualTo("abc");
  }

  @Test
  void rejectsAMissingParameterWithMinus1102AndTooManyDecimalsWithMinus1111() {
    ApiParameters parameters = new ApiParameters("quantity=0.000000001&price=abc", "");

    assertThatThrownBy(() -> parameters.required("symbol"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(-1102))
        .hasMessageContaining("'symbol'");
    assertThatThrownBy(() -> parameters.requiredDecimal("quantity"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(-1111));
    assertThatThrownBy(() -> parameters.requiredDecimal("price"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(-1102));
  }

  @Test
  void takesTimeParametersInMillisecondsOrMicroseconds() {
    ApiParameters parameters =
        new ApiParameters(
            "startTime=1764500000000&endTime=1764500000000&microStart=1764500000000001"
                + "&microEnd=1764500000000999",
            "");

    assertThat(parameters.optionalTimeMillis("startTime", true)).hasValue(1764500000000L);
    assertThat(parameters.optionalTimeMillis("endTime", false)).hasValue(1764500000000L);
    // A start within a millisecond rounds up, an end down: nothing outside the range gets in.
    assertThat(parameters.optionalTimeMillis("microStart", true)).hasValue(1764500000001L);
    assertThat(parameters.optionalTimeMillis("microEnd", false)).hasValue(1764500000000L);
    assertThat(ApiParameters.toMicros(1764500000000L)).isEqualTo(1764500000000000L);
    assertThat(ApiParameters.toMicros(1764500000000123L)).isEqualTo(1764500000000123L);
  }

  @Test
  void decodesPercentEncodedValues() {
    ApiParameters parameters =
        new ApiParameters("newClientOrderId=a%2Db&symbols=%5B%22BTCUSDT%22%5D", null);

    assertThat(parameters.required("newClientOrderId")).isEqualTo("a-b");
    assertThat(parameters.required("symbols")).isEqualTo("[\"BTCUSDT\"]");
  }
}
