/**
 * The {@code trading.alphintra.io/v1alpha1} API: TradingEnvironment, Strategy and BrokerConnection.
 *
 * <p>Javadoc on every record component and field here becomes the CRD field description, and so the
 * text of {@code kubectl explain}. Spec types are immutable records (user input); status types are
 * written by the operator only.
 */
package io.alphintra.api.v1alpha1;
