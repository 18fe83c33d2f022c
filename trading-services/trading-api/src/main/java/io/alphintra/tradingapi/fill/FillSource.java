package io.alphintra.tradingapi.fill;

import java.util.function.Consumer;

/**
 * Where the venue's word about order states comes from ({@link ConnectorPollingFillSource} reads
 * them from the connectors). Reports carry cumulative filled quantities, so a source may repeat or
 * skip reports; the fills themselves come from the connector's fill feed ({@link
 * ConnectorFillFeed}).
 */
public interface FillSource {

  /** Starts delivering reports to {@code sink} until {@link #stop()}. */
  void start(Consumer<OrderReport> sink);

  void stop();
}
