package io.alphintra.authservice.workload;

import io.alphintra.authservice.session.TokenResponse;
import io.alphintra.authservice.web.Public;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workload identity: a strategy pod trades its projected service-account token for a STRATEGY
 * access token.
 */
@RestController
class StrategyTokenController {

  private final StrategyTokens strategyTokens;

  StrategyTokenController(StrategyTokens strategyTokens) {
    this.strategyTokens = strategyTokens;
  }

  @Public
  @PostMapping("/api/v1/auth/strategy-token")
  TokenResponse strategyToken(
      @Valid @RequestBody StrategyTokenRequest request, HttpServletRequest http) {
    return strategyTokens.exchange(request.serviceAccountToken(), http.getRemoteAddr());
  }
}
