package io.alphintra.brokersimulator.engine;

/** How long a LIMIT order may live: rest (GTC), fill-what-you-can (IOC), all-or-nothing (FOK). */
public enum TimeInForce {
  GTC,
  IOC,
  FOK
}
