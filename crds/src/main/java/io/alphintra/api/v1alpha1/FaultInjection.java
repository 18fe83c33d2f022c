package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;

/**
 * Faults the simulator injects, each as a percentage of requests or messages, e.g. 0.5.
 *
 * @param serverErrorPercent Requests answered with HTTP 5xx without being executed.
 * @param unknownStatusPercent Orders accepted and then answered with -1007 (execution status
 *     unknown).
 * @param droppedStreamMessagesPercent Market-data stream messages dropped.
 */
public record FaultInjection(
    @Pattern(Patterns.PERCENT) String serverErrorPercent,
    @Pattern(Patterns.PERCENT) String unknownStatusPercent,
    @Pattern(Patterns.PERCENT) String droppedStreamMessagesPercent) {}
