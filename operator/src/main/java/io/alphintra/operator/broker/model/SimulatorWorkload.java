package io.alphintra.operator.broker.model;

import io.alphintra.api.v1alpha1.FaultInjection;
import io.alphintra.api.v1alpha1.SimulatedMarket;
import io.alphintra.api.v1alpha1.SimulatorSpec;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.EnvVars;
import io.alphintra.operator.common.Images;
import io.alphintra.operator.common.RestrictedPods;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The broker-simulator of a Simulator connection, configured through the simulator's environment
 * variables.
 */
final class SimulatorWorkload {
  /** Quote assets recognised at the end of a symbol, longest first. */
  private static final List<String> QUOTES =
      List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR", "USD");

  private static final String PREFIX = "ALPHINTRA_SIMULATOR_";

  private SimulatorWorkload() {}

  static Deployment deployment(BrokerInputs in) {
    var credentials = in.credentials();
    List<EnvVar> env = new ArrayList<>();
    env.add(
        EnvVars.fromSecret(
            PREFIX + "ACCOUNTS_0_APIKEY", credentials.name(), credentials.apiKeyKeyOrDefault()));
    env.add(
        EnvVars.fromSecret(
            PREFIX + "ACCOUNTS_0_SECRETKEY",
            credentials.name(),
            credentials.secretKeyKeyOrDefault()));
    SimulatorSpec spec =
        Optional.ofNullable(in.connection().getSpec().simulator())
            .orElse(new SimulatorSpec(null, null, null, null));
    env.add(
        EnvVars.plain(PREFIX + "SEED", String.valueOf(spec.seed() == null ? 42L : spec.seed())));
    List<SimulatedMarket> markets = spec.markets() == null ? List.of() : spec.markets();
    List<String> assets = new ArrayList<>();
    for (int i = 0; i < markets.size(); i++) {
      SimulatedMarket m = markets.get(i);
      String quote = quoteOf(m.symbol());
      String base = m.symbol().substring(0, m.symbol().length() - quote.length());
      String key = PREFIX + "SYMBOLS_" + i + "_";
      env.add(EnvVars.plain(key + "SYMBOL", m.symbol()));
      env.add(EnvVars.plain(key + "BASEASSET", base));
      env.add(EnvVars.plain(key + "QUOTEASSET", quote));
      env.add(EnvVars.plain(key + "STARTPRICE", m.startPrice()));
      if (m.tickSize() != null) {
        env.add(EnvVars.plain(key + "TICKSIZE", m.tickSize()));
      }
      if (m.lotSize() != null) {
        env.add(EnvVars.plain(key + "LOTSIZE", m.lotSize()));
      }
      if (m.volatilityPercent() != null) {
        env.add(EnvVars.plain(key + "VOLATILITY", fraction(m.volatilityPercent())));
      }
      addOnce(assets, base);
      addOnce(assets, quote);
    }
    for (String asset : assets) {
      // Enough to trade with from the start: a million of each quote asset, a hundred of each base
      // asset.
      boolean quote = QUOTES.contains(asset);
      env.add(EnvVars.plain(PREFIX + "ACCOUNTS_0_BALANCES_" + asset, quote ? "1000000" : "100"));
    }
    env.add(
        EnvVars.plain(
            PREFIX + "FAULTS_LATENCYMILLIS",
            String.valueOf(spec.latencyMillis() == null ? 0 : spec.latencyMillis())));
    FaultInjection faults = spec.faults();
    if (faults != null) {
      env.add(
          EnvVars.plain(PREFIX + "FAULTS_SERVERERRORRATE", fraction(faults.serverErrorPercent())));
      env.add(
          EnvVars.plain(
              PREFIX + "FAULTS_TIMEOUTAFTERACCEPTRATE", fraction(faults.unknownStatusPercent())));
      env.add(
          EnvVars.plain(
              PREFIX + "FAULTS_DROPPEDSTREAMMESSAGERATE",
              fraction(faults.droppedStreamMessagesPercent())));
    }
    env.add(EnvVars.plain("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"));
    var container =
        new ContainerBuilder()
            .withName(Component.BROKER_SIMULATOR.label())
            .withImage(Images.image(in.imageRegistry(), Component.BROKER_SIMULATOR, in.version()))
            .addNewPort()
            .withName("http")
            .withContainerPort(BrokerResources.HTTP_PORT)
            .withProtocol("TCP")
            .endPort()
            .withEnv(env)
            .withResources(RestrictedPods.resources("200m", "384Mi", "1", "768Mi"));
    return BrokerResources.deployment(
        in,
        BrokerNames.simulator(in.connection()),
        Component.BROKER_SIMULATOR,
        1,
        BrokerNames.connector(in.connection()),
        RestrictedPods.springBootContainer(container, BrokerResources.HTTP_PORT),
        in.credentialsHash());
  }

  /**
   * The quote asset a symbol ends with, e.g. USDT for BTCUSDT; the last three letters when none is
   * known.
   */
  static String quoteOf(String symbol) {
    return QUOTES.stream()
        .filter(q -> symbol.endsWith(q) && symbol.length() > q.length())
        .findFirst()
        .orElse(symbol.substring(symbol.length() - 3));
  }

  /** A percentage as the simulator's fraction: 0.5 (percent) becomes 0.005. */
  private static String fraction(String percent) {
    return percent == null
        ? "0"
        : new BigDecimal(percent).movePointLeft(2).stripTrailingZeros().toPlainString();
  }

  private static void addOnce(List<String> list, String value) {
    if (!list.contains(value)) {
      list.add(value);
    }
  }
}
