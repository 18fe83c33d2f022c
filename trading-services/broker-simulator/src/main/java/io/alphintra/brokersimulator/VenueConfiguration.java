package io.alphintra.brokersimulator;

import io.alphintra.brokersimulator.account.AccountDirectory;
import io.alphintra.brokersimulator.account.AccountProperties;
import io.alphintra.brokersimulator.account.AccountTradeHistory;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import io.alphintra.brokersimulator.engine.MarketEventFanOut;
import io.alphintra.brokersimulator.engine.MarketEventListener;
import io.alphintra.brokersimulator.fault.FaultInjector;
import io.alphintra.brokersimulator.fault.FaultSettings;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.ListedSymbols;
import io.alphintra.brokersimulator.market.MarketSimulation;
import io.alphintra.brokersimulator.market.SimulatorProperties;
import io.alphintra.brokersimulator.market.SymbolProperties;
import io.alphintra.brokersimulator.market.SymbolSpec;
import io.alphintra.brokersimulator.market.TradingMetrics;
import io.alphintra.brokersimulator.marketdata.MarketData;
import io.alphintra.brokersimulator.marketdata.MarketDataProperties;
import io.alphintra.brokersimulator.stream.MarketStreamHub;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.ObjectMapper;

/**
 * Wires the framework-free venue (ledger, engines, simulation, streams) into the application; every
 * {@link MarketEventListener} bean hears the engines' events, in {@link Order} order: the public
 * market data and the account trade history record an event before the streams and the user-data
 * feed push it, so a client that reacts to a push and then asks REST sees the same trade.
 */
@Configuration(proxyBeanMethods = false)
class VenueConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Assets assets(SimulatorProperties simulator, AccountProperties accounts, ObjectMapper json) {
    if (simulator.symbols().isEmpty()) {
      throw new IllegalArgumentException(
          "alphintra.simulator.symbols is empty: list at least one symbol");
    }
    Assets.Builder assets = new Assets.Builder();
    for (SymbolProperties symbol : simulator.symbols()) {
      assets.add(symbol.baseAsset()).add(symbol.quoteAsset());
    }
    AccountDirectory.assetsNamedIn(AccountDirectory.allCredentials(accounts, json))
        .forEach(assets::add);
    return assets.build();
  }

  @Bean
  ListedSymbols listedSymbols(SimulatorProperties simulator, Assets assets) {
    return new ListedSymbols(
        simulator.symbols().stream().map(symbol -> SymbolSpec.of(symbol, assets)).toList());
  }

  @Bean
  Ledger ledger(Assets assets) {
    return new Ledger(assets);
  }

  @Bean
  AccountDirectory accountDirectory(AccountProperties accounts, Ledger ledger, ObjectMapper json) {
    return new AccountDirectory(AccountDirectory.allCredentials(accounts, json), ledger);
  }

  @Bean
  FaultInjector faultInjector(FaultSettings faults) {
    return new FaultInjector(faults);
  }

  @Bean(destroyMethod = "close")
  @Order(3)
  MarketStreamHub marketStreamHub(
      ListedSymbols listed,
      MarketData marketData,
      FaultInjector faults,
      ObjectMapper json,
      Clock clock) {
    return new MarketStreamHub(listed.specs(), marketData, faults, json, clock::millis);
  }

  @Bean
  TradingMetrics tradingMetrics(MeterRegistry registry) {
    return new TradingMetrics(registry);
  }

  @Bean
  @Order(1)
  MarketData marketData(ListedSymbols listed, MarketDataProperties properties) {
    return new MarketData(listed.specs().stream().map(SymbolSpec::instrument).toList(), properties);
  }

  @Bean
  @Order(2)
  AccountTradeHistory accountTradeHistory(
      AccountDirectory accounts, SimulatorProperties simulator) {
    return new AccountTradeHistory(accounts::isApiAccount, simulator.closedOrderCapacity());
  }

  @Bean
  Exchange exchange(
      Ledger ledger,
      ListedSymbols listed,
      List<MarketEventListener> marketListeners,
      Clock clock,
      SimulatorProperties simulator,
      TradingMetrics metrics,
      AccountDirectory accounts) {
    // The directory parameter only orders creation: API accounts get the first ledger ids.
    Exchange exchange =
        new Exchange(
            ledger,
            listed.specs(),
            new MarketEventFanOut(marketListeners),
            clock::millis,
            simulator.closedOrderCapacity(),
            simulator.restingOrderCapacity(),
            metrics);
    metrics.bindBooks(exchange);
    return exchange;
  }

  @Bean
  MarketSimulation marketSimulation(Exchange exchange, SimulatorProperties simulator) {
    return new MarketSimulation(exchange, simulator);
  }
}
