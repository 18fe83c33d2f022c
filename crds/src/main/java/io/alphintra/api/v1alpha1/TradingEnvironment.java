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
 * One trading platform installation per namespace: auth-service, trading-api, their database and
 * rollouts.
 */
@Group(Api.GROUP)
@Version(Api.VERSION)
@Kind("TradingEnvironment")
@Plural("tradingenvironments")
@Singular("tradingenvironment")
@ShortNames("te")
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(
    name = "Tier",
    jsonPath = ".spec.tier",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Version",
    jsonPath = ".spec.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Active",
    jsonPath = ".status.activeColor",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class TradingEnvironment
    extends CustomResource<TradingEnvironmentSpec, TradingEnvironmentStatus>
    implements Namespaced {}
