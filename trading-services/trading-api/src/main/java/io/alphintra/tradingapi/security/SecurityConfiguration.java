package io.alphintra.tradingapi.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A stateless JWT resource server: RS256 access tokens from auth-service, checked against its JWKS
 * (signature, {@code iss}, {@code aud}, expiry, {@code typ} at+jwt), each token verified once a
 * minute at most ({@link VerifiedTokens}). Which account a caller may read or trade is decided per
 * request by {@link AccountAccess}.
 */
@Configuration
class SecurityConfiguration {

  /** Claim: the namespace of the strategy a STRATEGY token was issued to (auth-service's). */
  static final String NAMESPACE_CLAIM = "namespace";

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/health")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/actuator/prometheus", "/v3/api-docs")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesAsAuthorities())));
    return http.build();
  }

  @Bean
  JwtDecoder jwtDecoder(SecurityProperties properties, Clock clock) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .validateType(false)
            .build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(),
            new JwtIssuerValidator(properties.issuer()),
            audience(properties.audience()),
            strategyNamespace(properties.namespace()),
            new JwtTypeValidator("at+jwt", "JWT")));
    return new VerifiedTokens(decoder, clock);
  }

  /**
   * A STRATEGY token is scoped to its strategy's namespace (auth-service's {@code namespace}
   * claim): one issued for another environment's strategy is refused even if its signature verifies
   * (a shared or copied signing key), and so is one without the claim. Other roles are not scoped.
   */
  static OAuth2TokenValidator<Jwt> strategyNamespace(String namespace) {
    return jwt -> {
      List<String> roles = jwt.getClaimAsStringList(Caller.ROLES_CLAIM);
      if (namespace == null
          || namespace.isBlank()
          || roles == null
          || !roles.contains(Role.STRATEGY.name())
          || namespace.equals(jwt.getClaimAsString(NAMESPACE_CLAIM))) {
        return OAuth2TokenValidatorResult.success();
      }
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error(
              "invalid_token",
              "the STRATEGY token's namespace claim is not this environment's namespace "
                  + namespace,
              null));
    };
  }

  private static OAuth2TokenValidator<Jwt> audience(String audience) {
    return jwt ->
        jwt.getAudience() != null && jwt.getAudience().contains(audience)
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(
                new OAuth2Error(
                    "invalid_token", "the token is not for audience " + audience, null));
  }

  private static JwtAuthenticationConverter rolesAsAuthorities() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(
        jwt -> {
          Collection<GrantedAuthority> authorities = new ArrayList<>();
          List<String> roles = jwt.getClaimAsStringList(Caller.ROLES_CLAIM);
          if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
          }
          return authorities;
        });
    return converter;
  }
}
