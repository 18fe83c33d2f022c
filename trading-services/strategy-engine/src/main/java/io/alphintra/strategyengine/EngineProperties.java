package io.alphintra.strategyengine;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the engine finds its strategy and the services it talks to; the operator sets them through
 * the ALPHINTRA_* environment variables (mapped in application.yaml).
 *
 * @param configFile the mounted strategy.json
 * @param connectorUrl the BrokerConnection's connector, e.g. http://sim-broker-connector:8080
 * @param tradingApiUrl trading-api of the environment (Live only)
 * @param authUrl auth-service of the environment (Live only)
 * @param serviceAccountTokenFile the projected service-account token (Live only)
 * @param takerFee fee rate of a simulated fill, e.g. 0.001 for 0.1 %
 * @param pollInterval how often Live reads orders and fills back from trading-api
 * @param requestTimeout timeout of each HTTP call the engine makes
 * @param reconnectMin first wait before re-opening the market-data stream
 * @param reconnectMax longest wait between re-open attempts
 */
@ConfigurationProperties("alphintra.strategy")
public record EngineProperties(
    @DefaultValue("/etc/alphintra/strategy/strategy.json") Path configFile,
    @DefaultValue("http://localhost:8080") String connectorUrl,
    @DefaultValue("http://localhost:8080") String tradingApiUrl,
    @DefaultValue("http://localhost:8080") String authUrl,
    @DefaultValue("/var/run/secrets/alphintra/token") Path serviceAccountTokenFile,
    @DefaultValue("0.001") BigDecimal takerFee,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("5s") Duration requestTimeout,
    @DefaultValue("500ms") Duration reconnectMin,
    @DefaultValue("30s") Duration reconnectMax) {}
