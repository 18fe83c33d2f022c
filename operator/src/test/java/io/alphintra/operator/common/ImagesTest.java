package io.alphintra.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImagesTest {

  @Test
  void tagIsWhatFollowsTheLastColonOfTheName() {
    assertThat(Images.tag("registry.test/alphintra/broker-simulator:1.4.2")).contains("1.4.2");
    assertThat(Images.tag("localhost:5000/alphintra/broker-simulator:0.1.0-rc.1"))
        .contains("0.1.0-rc.1");
  }

  @Test
  void noTagWhenTheImageHasNoneOrIsPinnedByDigest() {
    assertThat(Images.tag("localhost:5000/alphintra/broker-simulator")).isEmpty();
    assertThat(Images.tag("broker-simulator")).isEmpty();
    assertThat(Images.tag("registry.test/broker-simulator@sha256:abc")).isEmpty();
    assertThat(Images.tag(null)).isEmpty();
  }
}
