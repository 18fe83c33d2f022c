package io.alphintra.operator.common;

/**
 * The platform's token audience: auth-service issues access tokens for it, and strategy pods get a
 * projected service-account token for it, which auth-service reviews before issuing a STRATEGY
 * token. One definition, so the two cannot drift apart.
 */
public final class ServiceAccountTokens {
  /** The {@code aud} of the platform's tokens. */
  public static final String AUDIENCE = "alphintra";

  private ServiceAccountTokens() {}
}
