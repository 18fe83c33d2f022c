package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The simulated exchange deployed for a Simulator connection.
 *
 * @param markets Symbols the simulator lists, with their start price and behaviour.
 * @param seed Seed of the market-data generator; the same seed replays the same market.
 * @param latencyMillis Latency added to every REST response, in milliseconds.
 * @param faults Faults injected into responses and streams, to test the platform's resilience.
 */
public record SimulatorSpec(
    @Size(min = 1, max = 20) List<SimulatedMarket> markets,
    @Default("42") Long seed,
    @Default("0") @Min(0) @Max(60000) Integer latencyMillis,
    FaultInjection faults) {}
