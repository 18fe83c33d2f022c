package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;

/**
 * Prometheus Operator objects for the environment, created only when the cluster has their CRDs.
 *
 * @param serviceMonitor Create a ServiceMonitor scraping every service's /actuator/prometheus.
 * @param prometheusRules Create a PrometheusRule with the SLO alerts below.
 * @param slo Service level objectives the alerts are derived from.
 */
public record MonitoringSpec(
    @Default("true") Boolean serviceMonitor,
    @Default("true") Boolean prometheusRules,
    SloSpec slo) {}
