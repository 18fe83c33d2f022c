package io.alphintra.brokersimulator.market;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Assets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the simulated participants of every symbol on a fixed schedule, so books have depth and
 * trade.
 */
public final class MarketSimulation implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MarketSimulation.class);

  /** Internal participants are funded generously but within long range: 1e9 of each asset. */
  private static final long PARTICIPANT_FUNDS_UNITS = 1_000_000_000L * 100_000_000L;

  private final SimulatorProperties properties;
  private final List<SimulatedSymbolFlow> flows = new ArrayList<>();
  private ScheduledExecutorService scheduler;

  public MarketSimulation(Exchange exchange, SimulatorProperties properties) {
    this.properties = properties;
    Assets assets = exchange.ledger().assets();
    long symbolSeed = properties.seed();
    for (SymbolSpec spec : exchange.specs()) {
      symbolSeed = symbolSeed * 31 + spec.symbol().hashCode();
      if (!spec.properties().simulatedFlow()) {
        continue;
      }
      Account provider =
          fund(exchange.ledger().openAccount("liquidity-provider:" + spec.symbol()), assets);
      Account taker = fund(exchange.ledger().openAccount("taker:" + spec.symbol()), assets);
      flows.add(
          new SimulatedSymbolFlow(
              exchange, spec, properties.flow(), provider.id(), taker.id(), symbolSeed));
    }
  }

  private static Account fund(Account account, Assets assets) {
    for (int asset = 0; asset < assets.size(); asset++) {
      account.deposit(asset, PARTICIPANT_FUNDS_UNITS);
    }
    return account;
  }

  /** Advances every simulated symbol by one step; the scheduler calls this, tests may too. */
  public void step() {
    for (SimulatedSymbolFlow flow : flows) {
      try {
        flow.step();
      } catch (RuntimeException e) {
        log.warn("Simulated order flow step failed", e);
      }
    }
  }

  @Override
  public synchronized void start() {
    if (!properties.flow().enabled() || flows.isEmpty()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("market-simulation").daemon().unstarted(runnable));
    step();
    scheduler.scheduleAtFixedRate(
        this::step,
        properties.flow().stepMillis(),
        properties.flow().stepMillis(),
        TimeUnit.MILLISECONDS);
    log.info(
        "Simulating order flow on {} symbol(s) every {} ms, seed {}",
        flows.size(),
        properties.flow().stepMillis(),
        properties.seed());
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
