package io.alphintra.tradingapi.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How access tokens are verified: auth-service's JWKS, and the issuer and audience it writes.
 *
 * @param jwksUri auth-service's {@code /.well-known/jwks.json}
 * @param issuer the {@code iss} auth-service writes (its {@code alphintra.auth.token.issuer})
 * @param audience the {@code aud} auth-service writes (its {@code alphintra.auth.token.audience})
 * @param namespace the Kubernetes namespace of the environment trading-api serves: a STRATEGY token
 *     must carry it as its {@code namespace} claim (auth-service writes its strategy's namespace
 *     there). Blank: not checked
 */
@ConfigurationProperties("alphintra.trading.security")
public record SecurityProperties(URI jwksUri, String issuer, String audience, String namespace) {}
