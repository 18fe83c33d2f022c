package io.alphintra.api.v1alpha1;

/**
 * Overrides for the services a TradingEnvironment runs.
 *
 * @param authService Overrides for auth-service (users, roles, JWT issuing).
 * @param tradingApi Overrides for trading-api (orders, positions, pre-trade risk).
 */
public record ServicesSpec(ServiceSpec authService, ServiceSpec tradingApi) {}
