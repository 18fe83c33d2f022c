package io.alphintra.authservice.workload;

import io.alphintra.authservice.audit.AuditEvent;
import io.alphintra.authservice.audit.AuditLog;
import io.alphintra.authservice.session.TokenResponse;
import io.alphintra.authservice.token.AccessTokens;
import io.alphintra.authservice.token.IssuedToken;
import io.alphintra.authservice.user.Role;
import io.alphintra.authservice.web.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Trades a strategy pod's projected service-account token for a STRATEGY access token: the API
 * server vouches for the token (TokenReview, audience checked), the service account must be a
 * strategy's of this environment's namespace, and the access token is scoped to that strategy by
 * the claims {@code strategy} and {@code namespace}.
 */
@Service
class StrategyTokens {

  /** Claim: the strategy the token is scoped to. */
  static final String STRATEGY_CLAIM = "strategy";

  /** Claim: the strategy's namespace, the environment's own. */
  static final String NAMESPACE_CLAIM = "namespace";

  private final TokenReviewer reviewer;
  private final AccessTokens accessTokens;
  private final WorkloadIdentityProperties properties;
  private final AuditLog audit;
  private final MeterRegistry meters;
  private final Clock clock;
  private String namespace;

  StrategyTokens(
      TokenReviewer reviewer,
      AccessTokens accessTokens,
      WorkloadIdentityProperties properties,
      AuditLog audit,
      MeterRegistry meters,
      Clock clock) {
    this.reviewer = reviewer;
    this.accessTokens = accessTokens;
    this.properties = properties;
    this.audit = audit;
    this.meters = meters;
    this.clock = clock;
  }

  TokenResponse exchange(String serviceAccountToken, String source) {
    String environment = environmentNamespace();
    TokenReviewer.Review review;
    try {
      review = reviewer.review(serviceAccountToken, properties.audience());
    } catch (TokenReviewer.ReviewUnavailable e) {
      throw ApiProblem.unavailable(
          "cannot verify service-account tokens right now: " + e.getMessage());
    }
    if (!review.authenticated() || !review.audiences().contains(properties.audience())) {
      reject(null, source, "token review: not authenticated for audience " + properties.audience());
      throw ApiProblem.unauthorized(
          "the service-account token is not valid for audience '"
              + properties.audience()
              + "' (expired, for another audience, or its service account is gone): project one with"
              + " serviceAccountToken.audience: "
              + properties.audience());
    }
    StrategyIdentity identity = StrategyIdentity.of(review.username()).orElse(null);
    if (identity == null) {
      reject(review.username(), source, "not a strategy's service account");
      throw ApiProblem.forbidden(
          review.username()
              + " is not a strategy's service account: strategies run as"
              + " <strategy>"
              + StrategyIdentity.STRATEGY_SUFFIX
              + " in namespace "
              + environment);
    }
    if (!identity.namespace().equals(environment)) {
      reject(review.username(), source, "namespace is not " + environment);
      throw ApiProblem.forbidden(
          review.username() + " is not of this environment's namespace " + environment);
    }
    IssuedToken token =
        accessTokens.issue(
            identity.subject(),
            identity.serviceAccount(),
            EnumSet.of(Role.STRATEGY),
            Map.of(STRATEGY_CLAIM, identity.strategy(), NAMESPACE_CLAIM, identity.namespace()));
    audit.record(
        AuditEvent.WORKLOAD_TOKEN_ISSUED, identity.subject(), identity.strategy(), source, null);
    Counter.builder("auth.tokens.issued")
        .description("Tokens issued by kind")
        .tag("kind", "strategy")
        .register(meters)
        .increment();
    long expiresIn = Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toSeconds());
    return new TokenResponse(token.token(), "Bearer", expiresIn, null);
  }

  private void reject(String username, String source, String why) {
    audit.record(
        AuditEvent.WORKLOAD_TOKEN_REJECTED,
        username == null ? "anonymous" : username,
        null,
        source,
        why);
  }

  /** The configured namespace, else the pod's own; read once. */
  private synchronized String environmentNamespace() {
    if (namespace == null) {
      if (properties.namespace() != null && !properties.namespace().isBlank()) {
        namespace = properties.namespace().strip();
      } else {
        try {
          namespace = Files.readString(properties.namespaceFile()).strip();
        } catch (IOException e) {
          throw ApiProblem.unavailable(
              "workload identity is not configured: set"
                  + " alphintra.auth.workload.namespace (ALPHINTRA_AUTH_WORKLOAD_NAMESPACE) or run in a pod"
                  + " (cannot read "
                  + properties.namespaceFile()
                  + ")");
        }
      }
    }
    return namespace;
  }
}
