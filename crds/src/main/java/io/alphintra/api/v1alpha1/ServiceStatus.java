package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Readiness of one service of the environment.
 *
 * @param name The service: auth-service or trading-api.
 * @param version The version its live pods run.
 * @param color The live color, for blue-green environments.
 * @param desiredReplicas Pods wanted on the live color.
 * @param readyReplicas Pods Ready on the live color.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStatus(
    String name, String version, Color color, Integer desiredReplicas, Integer readyReplicas) {}
