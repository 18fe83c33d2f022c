package io.alphintra.brokersimulator.fault;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The faults real venues have, as shares of requests or messages (0 = never, 1 = always). Initial
 * values come from {@code alphintra.simulator.faults.*}; {@code PUT /admin/faults} replaces them.
 *
 * @param latencyMillis added to every API request before it is handled
 * @param latencyJitterMillis extra random latency, uniform in [0, jitter]
 * @param serverErrorRate share of API requests answered with HTTP 500 (nothing executed)
 * @param timeoutAfterAcceptRate share of accepted new orders answered -1007 although the order is
 *     live
 * @param droppedStreamMessageRate share of stream messages not delivered to a subscriber
 */
@ConfigurationProperties("alphintra.simulator.faults")
public record FaultSettings(
    @DefaultValue("0") long latencyMillis,
    @DefaultValue("0") long latencyJitterMillis,
    @DefaultValue("0") double serverErrorRate,
    @DefaultValue("0") double timeoutAfterAcceptRate,
    @DefaultValue("0") double droppedStreamMessageRate) {

  public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0);

  public FaultSettings {
    requireShare("serverErrorRate", serverErrorRate);
    requireShare("timeoutAfterAcceptRate", timeoutAfterAcceptRate);
    requireShare("droppedStreamMessageRate", droppedStreamMessageRate);
    if (latencyMillis < 0
        || latencyJitterMillis < 0
        || latencyMillis + latencyJitterMillis > 60_000) {
      throw new IllegalArgumentException(
          "latencyMillis and latencyJitterMillis must be >= 0 and add up to at most 60000");
    }
  }

  private static void requireShare(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a share between 0 and 1, got " + value);
    }
  }
}
