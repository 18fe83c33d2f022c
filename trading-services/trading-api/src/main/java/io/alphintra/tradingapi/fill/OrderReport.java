package io.alphintra.tradingapi.fill;

import io.alphintra.tradingapi.broker.ConnectorOrder;

/**
 * What a venue said about one order, from whichever {@link FillSource} heard it.
 *
 * @param brokerConnection the connection it came through
 * @param order the venue's state of the order, with cumulative filled quantities
 */
public record OrderReport(String brokerConnection, ConnectorOrder order) {}
