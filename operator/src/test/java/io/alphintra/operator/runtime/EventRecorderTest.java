package io.alphintra.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An event's eventTime always has the six fractional digits the API server's MicroTime needs. */
class EventRecorderTest {
  @Test
  void anInstantWithoutMicrosecondsStillGetsSixDigits() {
    assertThat(EventRecorder.microTime(Instant.parse("2026-11-30T17:51:34.276Z")))
        .isEqualTo("2026-11-30T17:51:34.276000Z");
    assertThat(EventRecorder.microTime(Instant.parse("2026-11-30T17:51:34Z")))
        .isEqualTo("2026-11-30T17:51:34.000000Z");
  }

  @Test
  void nanosecondsAreCutToMicroseconds() {
    assertThat(EventRecorder.microTime(Instant.parse("2026-11-30T17:51:34.123456789Z")))
        .isEqualTo("2026-11-30T17:51:34.123456Z");
  }
}
