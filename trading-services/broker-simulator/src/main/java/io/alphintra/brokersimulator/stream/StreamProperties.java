package io.alphintra.brokersimulator.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Market-stream connection limits ({@code alphintra.simulator.streams.*}), Binance's by default.
 *
 * @param maxStreamsPerConnection streams one connection may listen to
 * @param maxIncomingMessagesPerSecond text, ping and pong frames a client may send per second
 *     before it is disconnected
 * @param pingIntervalMillis interval of the server's ping frames
 * @param pongTimeoutMillis a connection that sent no pong frame for this long is closed
 */
@ConfigurationProperties("alphintra.simulator.streams")
public record StreamProperties(
    @DefaultValue("1024") int maxStreamsPerConnection,
    @DefaultValue("5") int maxIncomingMessagesPerSecond,
    @DefaultValue("20000") long pingIntervalMillis,
    @DefaultValue("60000") long pongTimeoutMillis) {}
