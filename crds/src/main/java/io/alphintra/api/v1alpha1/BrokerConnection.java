package io.alphintra.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The platform's door to one broker account: a broker-connector deployment, or a simulated
 * exchange.
 */
@Group(Api.GROUP)
@Version(Api.VERSION)
@Kind("BrokerConnection")
@Plural("brokerconnections")
@Singular("brokerconnection")
@ShortNames("bc")
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(
    name = "Broker",
    jsonPath = ".spec.broker",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Connected",
    jsonPath = ".status.conditions[?(@.type==\"Connected\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Latency",
    jsonPath = ".status.latencyMillis",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class BrokerConnection extends CustomResource<BrokerConnectionSpec, BrokerConnectionStatus>
    implements Namespaced {}
