package io.alphintra.brokersimulator.engine;

import java.util.List;

/** The top of the book: {price ticks, total lots} per level, best first. */
public record DepthSnapshot(long lastUpdateId, List<long[]> bids, List<long[]> asks) {}
