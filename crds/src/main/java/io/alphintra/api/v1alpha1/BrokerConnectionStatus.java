package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The observed state of a BrokerConnection, polled from the connector's health endpoint.
 *
 * @param observedGeneration The metadata.generation this status describes.
 * @param conditions Ready, Connected and Authenticated.
 * @param latencyMillis Last round-trip time from the connector to the venue, in milliseconds.
 * @param usedWeight Request weight used in the venue's current minute.
 * @param resolvedEndpoint The venue URL the connector talks to.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrokerConnectionStatus(
    Long observedGeneration,
    List<Condition> conditions,
    Long latencyMillis,
    Integer usedWeight,
    String resolvedEndpoint) {}
