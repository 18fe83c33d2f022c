package io.alphintra.brokersimulator.bench;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;

/**
 * exchange-core's fastest order book ({@code OrderBookDirectImpl}: pooled orders, ART price index,
 * one price-time list per side), driven through its own command API with one reused command.
 */
final class ExchangeCoreDriver extends EngineDriver {

  private static final CoreSymbolSpecification SYMBOL =
      CoreSymbolSpecification.builder()
          .symbolId(1)
          .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
          .baseCurrency(0)
          .quoteCurrency(1)
          .baseScaleK(1)
          .quoteScaleK(1)
          .build();

  private final OrderCommand command = new OrderCommand();
  private IOrderBook book;
  private long trades;
  private long rejections;

  ExchangeCoreDriver(CommandStream stream) {
    super(stream);
    reset();
  }

  @Override
  String name() {
    return "exchange-core 0.5.3 OrderBookDirectImpl";
  }

  @Override
  void reset() {
    book =
        new OrderBookDirectImpl(
            SYMBOL,
            ObjectsPool.createDefaultTestPool(),
            OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER,
            LoggingConfiguration.DEFAULT);
    trades = 0;
    rejections = 0;
  }

  IOrderBook book() {
    return book;
  }

  MatcherTradeEvent lastEvents() {
    return command.matcherEvent;
  }

  void clearEvents() {
    command.matcherEvent = null;
  }

  @Override
  void execute(int i) {
    OrderCommand cmd = command;
    cmd.matcherEvent = null;
    cmd.orderId = stream.orderId[i];
    cmd.uid = stream.user[i];
    cmd.symbol = 1;
    cmd.timestamp = i;
    cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
    switch (stream.kind[i]) {
      case CommandStream.PLACE_GTC, CommandStream.PLACE_IOC -> {
        cmd.command = OrderCommandType.PLACE_ORDER;
        cmd.orderType =
            stream.kind[i] == CommandStream.PLACE_GTC ? OrderType.GTC : OrderType.IOC;
        cmd.action = stream.buy[i] ? OrderAction.BID : OrderAction.ASK;
        cmd.price = stream.price[i];
        cmd.reserveBidPrice = stream.buy[i] ? StreamGenerator.MAX_PRICE : 0;
        cmd.size = stream.size[i];
      }
      case CommandStream.CANCEL -> cmd.command = OrderCommandType.CANCEL_ORDER;
      case CommandStream.REDUCE -> {
        cmd.command = OrderCommandType.REDUCE_ORDER;
        cmd.size = stream.size[i];
      }
      default -> {
        cmd.command = OrderCommandType.MOVE_ORDER;
        cmd.price = stream.price[i];
      }
    }
    CommandResultCode result = IOrderBook.processCommand(book, cmd);
    if (result != CommandResultCode.SUCCESS) {
      rejections++;
    }
    for (MatcherTradeEvent event = cmd.matcherEvent; event != null; event = event.nextEvent) {
      if (event.eventType == MatcherEventType.TRADE) {
        trades++;
      }
    }
  }

  @Override
  long trades() {
    return trades;
  }

  @Override
  long rejections() {
    return rejections;
  }

  @Override
  int restingOrders() {
    return book.getOrdersNum(OrderAction.ASK) + book.getOrdersNum(OrderAction.BID);
  }
}
