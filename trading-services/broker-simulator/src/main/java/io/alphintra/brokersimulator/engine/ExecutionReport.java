package io.alphintra.brokersimulator.engine;

import java.util.List;

/**
 * The outcome of one engine command: either a rejection or the order's state after the command plus
 * the fills the command produced.
 */
public record ExecutionReport(OrderSnapshot order, List<Fill> fills, Rejection rejection) {

  static ExecutionReport rejected(Rejection rejection) {
    return new ExecutionReport(null, List.of(), rejection);
  }

  public boolean isRejected() {
    return rejection != null;
  }
}
