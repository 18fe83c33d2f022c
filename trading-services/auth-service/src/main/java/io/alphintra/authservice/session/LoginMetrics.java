package io.alphintra.authservice.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code auth_logins_total{result}} and {@code auth_tokens_issued_total{kind}}. */
@Component
class LoginMetrics {

  enum Result {
    SUCCESS,
    BAD_CREDENTIALS,
    LOCKED
  }

  private final MeterRegistry meters;

  LoginMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void login(Result result) {
    Counter.builder("auth.logins")
        .description("Login attempts by result")
        .tag("result", result.name().toLowerCase())
        .register(meters)
        .increment();
  }

  void issued(String kind) {
    Counter.builder("auth.tokens.issued")
        .description("Tokens issued by kind")
        .tag("kind", kind)
        .register(meters)
        .increment();
  }
}
