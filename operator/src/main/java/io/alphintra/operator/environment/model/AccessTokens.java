package io.alphintra.operator.environment.model;

import io.alphintra.operator.common.ServiceAccountTokens;

/**
 * How the environment's access tokens are trusted: the issuer and audience auth-service writes into
 * them and where their verifiers fetch its public keys. Both auth-service's and trading-api's
 * configuration take them from here, so a token auth-service signs is one trading-api accepts.
 */
public final class AccessTokens {
  /** The {@code aud} of access tokens (auth-service's and trading-api's default). */
  public static final String AUDIENCE = ServiceAccountTokens.AUDIENCE;

  private AccessTokens() {}

  /** auth-service's base URL inside the environment's namespace: its active Service. */
  public static String authServiceUrl(EnvironmentInputs in) {
    return "http://"
        + EnvironmentNames.activeService(in.environment(), PlatformService.AUTH_SERVICE)
        + ":"
        + PlatformService.HTTP_PORT;
  }

  /**
   * The {@code iss} of the environment's tokens: its auth-service's address. Set on auth-service
   * too, whose own default ({@code http://auth-service}) names no environment.
   */
  public static String issuer(EnvironmentInputs in) {
    return authServiceUrl(in);
  }

  /** auth-service's JWKS, through the active Service (both colors serve the same keys). */
  public static String jwksUri(EnvironmentInputs in) {
    return authServiceUrl(in) + "/.well-known/jwks.json";
  }
}
