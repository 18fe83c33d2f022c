package io.alphintra.brokersimulator.engine;

/**
 * One execution of an order, seen from that order's side.
 *
 * @param commissionUnits commission in asset units, charged in the asset the order received
 */
public record Fill(
    long tradeId,
    long priceTicks,
    long quantityLots,
    long commissionUnits,
    int commissionAsset,
    boolean maker) {}
