package io.alphintra.brokerconnector.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The venue's Date header, parsed once per distinct value. */
class DateHeaderTest {

  @Test
  void eachValueParsesToItsInstantAlsoWhenRepeatedOrAlternating() {
    String first = "Tue, 01 Dec 2026 04:30:00 GMT";
    String second = "Tue, 01 Dec 2026 04:30:01 GMT";
    long firstMillis = Instant.parse("2026-12-01T04:30:00Z").toEpochMilli();
    long secondMillis = Instant.parse("2026-12-01T04:30:01Z").toEpochMilli();

    assertThat(BinanceRestClient.dateMillis(first)).isEqualTo(firstMillis);
    assertThat(BinanceRestClient.dateMillis(first)).isEqualTo(firstMillis);
    assertThat(BinanceRestClient.dateMillis(second)).isEqualTo(secondMillis);
    assertThat(BinanceRestClient.dateMillis(first)).isEqualTo(firstMillis);
  }

  @Test
  void aMalformedDateIsMinusOneAndDoesNotHideTheNextValue() {
    assertThat(BinanceRestClient.dateMillis("yesterday")).isEqualTo(-1L);
    assertThat(BinanceRestClient.dateMillis("yesterday")).isEqualTo(-1L);
    assertThat(BinanceRestClient.dateMillis("Tue, 01 Dec 2026 04:30:02 GMT"))
        .isEqualTo(Instant.parse("2026-12-01T04:30:02Z").toEpochMilli());
  }
}
