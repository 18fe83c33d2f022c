package io.alphintra.tradingapi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A verified token is verified once per {@link VerifiedTokens#MAX_AGE}, is refused once it expires
 * even while remembered, and a token that fails is checked again every time.
 */
class VerifiedTokensTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private Instant now = START;
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  private final AtomicInteger verifications = new AtomicInteger();

  /** Stands in for the JWKS-backed decoder: "bad" fails; any other token is valid 10:00-10:05. */
  private final JwtDecoder delegate =
      token -> {
        verifications.incrementAndGet();
        if (token.equals("bad")) {
          throw new BadJwtException("signature does not verify");
        }
        return Jwt.withTokenValue(token)
            .header("alg", "RS256")
            .subject("trader-" + token)
            .issuedAt(START)
            .expiresAt(START.plus(Duration.ofMinutes(5)))
            .build();
      };

  private final VerifiedTokens tokens = new VerifiedTokens(delegate, clock);

  @Test
  void aTokenIsVerifiedOnceAMinuteAndEachTokenSeparately() {
    Jwt first = tokens.decode("a");
    now = now.plusSeconds(59);
    assertThat(tokens.decode("a")).isSameAs(first);
    assertThat(verifications).hasValue(1);

    assertThat(tokens.decode("b").getSubject()).isEqualTo("trader-b");
    assertThat(verifications).hasValue(2);

    now = START.plus(VerifiedTokens.MAX_AGE);
    assertThat(tokens.decode("a").getSubject()).isEqualTo("trader-a");
    assertThat(verifications).as("verified again after MAX_AGE").hasValue(3);
  }

  @Test
  void aRememberedTokenIsRefusedOnceItExpires() {
    // exp is 10:05; the timestamp check allows 60 s of clock skew, so it verifies at 10:05:30.
    now = Instant.parse("2026-12-01T10:05:30Z");
    tokens.decode("a");
    now = Instant.parse("2026-12-01T10:06:05Z"); // remembered (35 s ago), past exp and skew

    assertThatThrownBy(() -> tokens.decode("a"))
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
    assertThat(verifications).as("refused from memory").hasValue(1);
    assertThat(tokens.size()).as("and forgotten").isZero();
  }

  @Test
  void aTokenThatFailsIsNotRemembered() {
    assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
    assertThat(verifications).hasValue(2);
    assertThat(tokens.size()).isZero();
  }

  @Test
  void itHoldsAtMostItsCapacity() {
    for (int i = 0; i < VerifiedTokens.CAPACITY + 10; i++) {
      if (i % 1000 == 0) {
        now = now.plusMillis(1);
      }
      tokens.decode("t" + i);
    }
    assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.CAPACITY);
    assertThat(tokens.decode("t" + (VerifiedTokens.CAPACITY + 9)).getSubject())
        .isEqualTo("trader-t" + (VerifiedTokens.CAPACITY + 9));
  }
}
