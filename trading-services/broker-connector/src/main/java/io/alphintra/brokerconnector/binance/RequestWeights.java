package io.alphintra.brokerconnector.binance;

/**
 * Request weights of the Binance Spot endpoints this adapter calls, charged to the local budget
 * before sending (the venue's headers then correct the count).
 */
final class RequestWeights {

  static final int TIME = 1;
  static final int EXCHANGE_INFO = 20;
  static final int TICKER_PRICE = 2;
  static final int KLINES = 2;
  static final int TICKER_24HR_ONE_SYMBOL = 2;
  static final int NEW_ORDER = 1;
  static final int QUERY_ORDER = 4;
  static final int CANCEL_ORDER = 1;
  static final int OPEN_ORDERS_ONE_SYMBOL = 6;
  static final int ACCOUNT = 20;

  private RequestWeights() {}

  static int depth(int limit) {
    if (limit <= 100) {
      return 5;
    }
    if (limit <= 500) {
      return 25;
    }
    return limit <= 1000 ? 50 : 250;
  }
}
