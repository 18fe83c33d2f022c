package io.alphintra.tradingapi.fill;

import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Starts every {@link FillSource} into the {@link ExecutionLedger} and stops them at shutdown. */
@Component
class FillIntake implements SmartLifecycle {

  private final List<FillSource> sources;
  private final ExecutionLedger ledger;
  private volatile boolean running;

  FillIntake(List<FillSource> sources, ExecutionLedger ledger) {
    this.sources = sources;
    this.ledger = ledger;
  }

  @Override
  public void start() {
    sources.forEach(
        source ->
            source.start(report -> ledger.apply(report, ExecutionLedger.VENUE, "venue report")));
    running = true;
  }

  @Override
  public void stop() {
    sources.forEach(FillSource::stop);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
