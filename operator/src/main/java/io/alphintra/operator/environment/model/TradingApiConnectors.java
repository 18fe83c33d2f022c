package io.alphintra.operator.environment.model;

import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.ConnectorAddress;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.Map;

/**
 * Where trading-api finds each BrokerConnection's connector: the ConfigMap {@code
 * <te>-trading-connectors} with one {@code <connection>=<connector base URL>} line per connection
 * bound to the environment, mounted as a directory into every trading-api pod of either color.
 *
 * <p>Connections come and go without a restart: the volume names the ConfigMap, not its content,
 * and the content is in no pod-template hash, so a changed ConfigMap leaves the Deployments alone;
 * kubelet swaps the mounted directory in place (a subPath mount would never see the change) and
 * trading-api re-reads the file when its modification time or size changes. Connector addresses do
 * not depend on the version, so blue and green share the one ConfigMap.
 */
public final class TradingApiConnectors {
  /** The directory the ConfigMap is mounted at. */
  public static final String DIR = "/etc/alphintra/connectors";

  /** The file's key in the ConfigMap, and so its name in {@link #DIR}. */
  public static final String FILE = "connectors.properties";

  /** trading-api's setting naming the file ({@code alphintra.trading.broker.connectors-file}). */
  static final String FILE_ENV = "ALPHINTRA_TRADING_CONNECTORS_FILE";

  static final String VOLUME = "connectors";

  private static final int READ_ONLY_MODE = 0444;

  private TradingApiConnectors() {}

  public static ConfigMap configMap(EnvironmentInputs in) {
    return new ConfigMapBuilder()
        .withMetadata(
            Owners.owned(
                in.environment(),
                EnvironmentNames.tradingConnectors(in.environment()),
                Labels.of(in.name(), Component.TRADING_API, null)))
        .withData(Map.of(FILE, file(in)))
        .build();
  }

  /** The file: a line per connection, in name order; empty when the environment has none. */
  static String file(EnvironmentInputs in) {
    StringBuilder lines = new StringBuilder();
    for (String connection : in.brokerConnections()) {
      lines
          .append(connection)
          .append('=')
          .append(ConnectorAddress.baseUrl(connection))
          .append('\n');
    }
    return lines.toString();
  }

  static Volume volume(EnvironmentInputs in) {
    return new VolumeBuilder()
        .withName(VOLUME)
        .withNewConfigMap()
        .withName(EnvironmentNames.tradingConnectors(in.environment()))
        .withDefaultMode(READ_ONLY_MODE)
        .withOptional(false)
        .endConfigMap()
        .build();
  }

  /** The whole directory, never a subPath: only a directory mount is updated in place. */
  static VolumeMount mount() {
    return new VolumeMountBuilder().withName(VOLUME).withMountPath(DIR).withReadOnly(true).build();
  }
}
