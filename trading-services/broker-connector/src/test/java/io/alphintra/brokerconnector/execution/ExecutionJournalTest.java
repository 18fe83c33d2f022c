package io.alphintra.brokerconnector.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokerconnector.fill.Fill;
import io.alphintra.brokerconnector.fill.FillJournal;
import io.alphintra.brokerconnector.marketdata.MarketDataSubscriber;
import io.alphintra.brokerconnector.order.OrderRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ExecutionJournalTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FillJournal fills = new FillJournal();
  private final ExecutionJournal journal =
      new ExecutionJournal(fills, new OrderRegistry(), JSON, 3);

  @Test
  void fillsAreNumberedOnlyOnceReadableAndInTradeIdOrder() {
    Collecting live = new Collecting();
    journal.subscribe(null, 0, live);
    fills.record(fill(5));
    fills.record(fill(4));
    assertThat(live.messages).isEmpty(); // the first recovery has not finished yet

    fills.gapClosed("BTCUSDT", 0);
    fills.record(fill(6));
    fills.record(fill(6)); // a duplicate from recovery

    assertThat(live.field("tradeId")).containsExactly(4L, 5L, 6L);
    assertThat(live.field("sequence")).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aResumeGetsWhatFollowsAndAnOldOrForeignPositionGetsAGapFirst() {
    fills.gapClosed("BTCUSDT", 0);
    for (int trade = 1; trade <= 5; trade++) {
      fills.record(fill(trade));
    }

    Collecting resumed = new Collecting();
    journal.subscribe(journal.streamId(), 3, resumed);
    assertThat(resumed.field("sequence")).containsExactly(4L, 5L);

    Collecting behind = new Collecting();
    assertThat(journal.subscribe(journal.streamId(), 1, behind).reason())
        .isEqualTo("NO_LONGER_HELD");
    assertThat(behind.messages.getFirst().path("type").asString()).isEqualTo("gap");
    assertThat(behind.messages.getFirst().path("resumeAfter").asLong()).isEqualTo(2);
    assertThat(behind.field("sequence")).containsExactly(3L, 4L, 5L);

    Collecting foreign = new Collecting();
    assertThat(journal.subscribe("another-process", 5, foreign).reason())
        .isEqualTo("STREAM_RESTARTED");
    Collecting ahead = new Collecting();
    assertThat(journal.subscribe(journal.streamId(), 9, ahead).reason())
        .isEqualTo("AHEAD_OF_STREAM");

    fills.record(fill(6));
    assertThat(resumed.field("sequence")).containsExactly(4L, 5L, 6L);
    assertThat(behind.field("sequence")).containsExactly(3L, 4L, 5L, 6L);
  }

  private static Fill fill(long tradeId) {
    return new Fill(
        "BTCUSDT",
        tradeId,
        100 + tradeId,
        "c-" + tradeId,
        "BUY",
        new BigDecimal("91.00"),
        BigDecimal.ONE,
        BigDecimal.ZERO,
        "BTC",
        true,
        tradeId);
  }

  private static final class Collecting implements MarketDataSubscriber {
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();

    @Override
    public boolean deliver(String json) {
      messages.add(JSON.readTree(json));
      return true;
    }

    List<Long> field(String name) {
      return messages.stream()
          .filter(m -> !"gap".equals(m.path("type").asString()))
          .map(m -> m.path(name).asLong())
          .toList();
    }
  }
}
