package io.alphintra.operator.strategy.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alphintra.api.v1alpha1.RiskLimits;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategySpec;
import io.alphintra.api.v1alpha1.StrategyType;
import io.alphintra.operator.common.Hashes;

/**
 * The engine's configuration file, strategy.json, as the contract with strategy-engine defines it,
 * and its revision: the hash of the parts of the spec that decide how the strategy trades (not
 * suspend, not resources), so the engine can report which configuration it runs.
 */
public final class StrategyConfig {
  /** The key of the file in the ConfigMap. */
  public static final String FILE = "strategy.json";

  /** Where the ConfigMap is mounted in the pod. */
  public static final String DIRECTORY = "/etc/alphintra/strategy";

  private static final ObjectMapper JSON = new ObjectMapper();

  private StrategyConfig() {}

  /** The revision of a Strategy's trading configuration: the first 16 hex of a SHA-256. */
  public static String revision(Strategy strategy) {
    return Hashes.of(tradingParts(strategy.getSpec()).toString());
  }

  /** The content of strategy.json. */
  public static String json(Strategy strategy) {
    ObjectNode root = JSON.createObjectNode();
    root.put("namespace", strategy.getMetadata().getNamespace());
    root.put("name", strategy.getMetadata().getName());
    root.put("revision", revision(strategy));
    root.setAll(tradingParts(strategy.getSpec()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strategy.json cannot be written", e);
    }
  }

  private static ObjectNode tradingParts(StrategySpec spec) {
    ObjectNode parts = JSON.createObjectNode();
    parts.put("type", spec.type().name());
    Object parameters =
        spec.type() == StrategyType.SmaCrossover ? spec.smaCrossover() : spec.meanReversion();
    parts.set("parameters", JSON.valueToTree(parameters));
    parts.set("symbols", JSON.valueToTree(spec.symbols()));
    parts.put("mode", spec.modeOrDefault().name());
    if (spec.risk() != null) {
      parts.set("risk", risk(spec.risk()));
    }
    parts.put("capital", spec.capital());
    parts.put("candleInterval", isoDuration(spec.candleIntervalOrDefault()));
    return parts;
  }

  /** spec.candleInterval (1s, 5m, 1h, 1d, ...) as the ISO-8601 duration the engine reads. */
  static String isoDuration(String interval) {
    String amount = interval.substring(0, interval.length() - 1);
    return switch (interval.charAt(interval.length() - 1)) {
      case 's' -> "PT" + amount + "S";
      case 'm' -> "PT" + amount + "M";
      case 'h' -> "PT" + amount + "H";
      case 'd' -> "P" + amount + "D";
      default -> throw new IllegalArgumentException("not a candle interval: " + interval);
    };
  }

  private static ObjectNode risk(RiskLimits risk) {
    ObjectNode node = JSON.createObjectNode();
    node.put("maxPositionNotional", risk.maxPositionNotional());
    node.put("maxOrderNotional", risk.maxOrderNotional());
    node.put("maxDailyLoss", risk.maxDailyLoss());
    if (risk.maxDrawdownPercent() != null) {
      node.put("maxDrawdownPercent", risk.maxDrawdownPercent());
    }
    // The schema defaults it at admission; an object stored before that default gets the same.
    node.put(
        "maxOrdersPerMinute", risk.maxOrdersPerMinute() == null ? 60 : risk.maxOrdersPerMinute());
    return node;
  }
}
