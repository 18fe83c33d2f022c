package io.alphintra.tradingapi.fill;

import java.util.function.Consumer;

/**
 * Where the venue's word about orders (and so fills) comes from. Today the connector has no fill
 * feed, so {@link ConnectorPollingFillSource} reads open orders; a user-data-feed source plugs in
 * here. Reports carry cumulative filled quantities, so a source may repeat or skip reports: the
 * {@link ExecutionLedger} records each fill once and a later report covers what an earlier one
 * missed.
 */
public interface FillSource {

  /** Starts delivering reports to {@code sink} until {@link #stop()}. */
  void start(Consumer<OrderReport> sink);

  void stop();
}
