package io.alphintra.brokersimulator.engine;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import java.util.ArrayList;
import java.util.List;

/**
 * A BTCUSDT-like engine over a fresh ledger, with a deterministic clock, a trade tape and every
 * account's executions.
 */
final class EngineFixture {

  static final int BTC = 0;
  static final int USDT = 1;

  /** 1 lot = 0.001 BTC = 100_000 units; 1 tick * 1 lot = 0.01 USDT * 0.001 = 1_000 units. */
  static final Instrument BTCUSDT =
      new Instrument("BTCUSDT", BTC, USDT, 100_000, 1_000, 1_000, 2_000);

  final Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
  final List<Trade> tape = new ArrayList<>();
  final List<Execution> executions = new ArrayList<>();
  final MatchingEngine engine;
  private long clock;

  EngineFixture() {
    this(BTCUSDT);
  }

  EngineFixture(Instrument instrument) {
    MarketEventListener recorder =
        new MarketEventListener() {
          @Override
          public void onTrade(Trade trade) {
            tape.add(trade);
          }

          @Override
          public boolean followsAccount(int accountId) {
            return true;
          }

          @Override
          public void onOrderUpdate(OrderUpdate update) {
            if (update.executionType() == ExecutionType.TRADE) {
              executions.add(Execution.of(update));
            }
          }
        };
    engine = new MatchingEngine(instrument, ledger, recorder, () -> ++clock, 10_000);
  }

  int fundedAccount(long btcUnits, long usdtUnits) {
    Account account = ledger.openAccount("trader-" + ledger.accounts().size());
    account.deposit(BTC, btcUnits);
    account.deposit(USDT, usdtUnits);
    return account.id();
  }

  Account account(int id) {
    return ledger.account(id);
  }
}
