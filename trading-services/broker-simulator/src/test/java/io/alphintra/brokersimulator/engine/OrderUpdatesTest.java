package io.alphintra.brokersimulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order updates and match boundaries the engine reports to its listener. */
class OrderUpdatesTest {

  private final Ledger ledger = new Ledger(Assets.of("BTC", "USDT"));
  private final List<OrderUpdate> updates = new ArrayList<>();
  private final List<String> matchEnds = new ArrayList<>();
  private final int followed = funded();
  private final int other = funded();
  private long clock;
  private final MatchingEngine engine =
      new MatchingEngine(
          EngineFixture.BTCUSDT,
          ledger,
          new MarketEventListener() {

            @Override
            public void onMatchEnded(String symbol) {
              matchEnds.add(symbol);
            }

            @Override
            public boolean followsAccount(int accountId) {
              return accountId == followed;
            }

            @Override
            public void onOrderUpdate(OrderUpdate update) {
              updates.add(update);
            }
          },
          () -> ++clock,
          100);

  @Test
  void takerGetsNewThenOneTradePerFillEndingFilled() {
    engine.place(NewOrder.limit(other, Side.SELL, TimeInForce.GTC, 100, 2));
    engine.place(NewOrder.limit(other, Side.SELL, TimeInForce.GTC, 101, 3));

    ExecutionReport taker =
        engine.place(NewOrder.limit(followed, Side.BUY, TimeInForce.GTC, 101, 5));

    assertThat(updates)
        .extracting(OrderUpdate::executionType)
        .containsExactly(ExecutionType.NEW, ExecutionType.TRADE, ExecutionType.TRADE);
    assertThat(updates)
        .extracting(update -> update.order().status())
        .containsExactly(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED);
    assertThat(updates.get(2).fill()).isEqualTo(taker.fills().get(1));
    assertThat(updates.get(2).order().executedLots()).isEqualTo(5);
    assertThat(matchEnds).containsExactly("BTCUSDT");
  }

  @Test
  void makerGetsItsFillWithMakerCommissionThenItsCancel() {
    ExecutionReport resting =
        engine.place(NewOrder.limit(followed, Side.SELL, TimeInForce.GTC, 100, 4));
    engine.place(NewOrder.market(other, Side.BUY, 1));
    engine.cancel(followed, resting.order().orderId());

    assertThat(updates)
        .extracting(OrderUpdate::executionType)
        .containsExactly(ExecutionType.NEW, ExecutionType.TRADE, ExecutionType.CANCELED);
    Fill makerFill = updates.get(1).fill();
    assertThat(makerFill.maker()).isTrue();
    assertThat(makerFill.commissionAsset()).isEqualTo(EngineFixture.USDT);
    // 1 lot at 100 ticks = 100_000 quote units; maker fee 1000 ppm.
    assertThat(makerFill.commissionUnits()).isEqualTo(100);
    assertThat(updates.get(1).order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
  }

  @Test
  void unfollowedAccountsProduceNoUpdates() {
    engine.place(NewOrder.limit(other, Side.SELL, TimeInForce.GTC, 100, 2));
    engine.place(NewOrder.market(other, Side.BUY, 1));

    assertThat(updates).isEmpty();
  }

  @Test
  void expiredAndAmendedOrdersAreReported() {
    engine.place(NewOrder.limit(followed, Side.BUY, TimeInForce.IOC, 100, 1));
    ExecutionReport resting =
        engine.place(NewOrder.limit(followed, Side.BUY, TimeInForce.GTC, 90, 5));
    engine.amendQuantity(followed, resting.order().orderId(), 3);

    assertThat(updates)
        .extracting(OrderUpdate::executionType)
        .containsExactly(
            ExecutionType.NEW, ExecutionType.EXPIRED, ExecutionType.NEW, ExecutionType.REPLACED);
    assertThat(updates.get(3).order().originalLots()).isEqualTo(3);
  }

  private int funded() {
    Account account = ledger.openAccount("trader");
    account.deposit(EngineFixture.BTC, 1_000_000_000L);
    account.deposit(EngineFixture.USDT, 1_000_000_000_000L);
    return account.id();
  }
}
