package io.alphintra.brokerconnector.venue;

/** Re-measures the venue clock offset, e.g. after the venue refused a timestamp (-1021). */
public interface ClockSynchronizer {
  void synchronizeClock();
}
