package io.alphintra.brokersimulator.engine;

/**
 * One change of an order, as a user-data feed reports it.
 *
 * @param order the order's state right after the change
 * @param fill the execution for {@link ExecutionType#TRADE}, seen from this order's side; else null
 */
public record OrderUpdate(
    OrderSnapshot order, ExecutionType executionType, Fill fill, long transactTimeMillis) {}
