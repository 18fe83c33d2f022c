package io.alphintra.strategyengine.config;

import io.alphintra.strategyengine.config.StrategyConfig.MeanReversionParameters;
import io.alphintra.strategyengine.config.StrategyConfig.RiskSettings;
import io.alphintra.strategyengine.config.StrategyConfig.SignalParameters;
import io.alphintra.strategyengine.config.StrategyConfig.SmaCrossoverParameters;
import io.alphintra.strategyengine.config.StrategyConfig.StrategyType;
import io.alphintra.strategyengine.config.StrategyConfig.TradingMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads and validates strategy.json. Every problem is reported as {@code <field> <what is wrong>:
 * <how to fix it>}; all problems at once, so one edit fixes them.
 */
public final class StrategyConfigReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SHORTEST_CANDLE = Duration.ofMillis(100);

  private final List<String> problems = new ArrayList<>();

  private StrategyConfigReader() {}

  /** Reads the file; throws {@link InvalidStrategyConfig} naming every wrong field. */
  public static StrategyConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidStrategyConfig(
          file
              + " does not exist: mount the Strategy's ConfigMap there or set"
              + " ALPHINTRA_STRATEGY_CONFIG to its path");
    } catch (IOException e) {
      throw new InvalidStrategyConfig(file + " cannot be read: " + e.getMessage());
    }
    return parse(text);
  }

  /** Parses strategy.json content. */
  public static StrategyConfig parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new InvalidStrategyConfig(
          "strategy.json is not valid JSON (" + e.getOriginalMessage() + "): fix its syntax");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidStrategyConfig("strategy.json must be a JSON object");
    }
    return new StrategyConfigReader().config(root);
  }

  private StrategyConfig config(JsonNode root) {
    String namespace = text(root, "namespace", true);
    String name = text(root, "name", true);
    String revision = text(root, "revision", false);
    StrategyType type = enumValue(root, "type", StrategyType.class, null);
    TradingMode mode = enumValue(root, "mode", TradingMode.class, TradingMode.Paper);
    SignalParameters parameters = type == null ? null : parameters(type, root.path("parameters"));
    List<String> symbols = symbols(root.path("symbols"));
    RiskSettings risk = risk(root.path("risk"));
    if (mode == TradingMode.Live && risk == null && !root.path("risk").isObject()) {
      problems.add(
          "risk is required in Live mode: set maxPositionNotional, maxOrderNotional and"
              + " maxDailyLoss");
    }
    BigDecimal capital = positiveDecimal(root, "capital", "capital", true);
    Duration candleInterval = candleInterval(root);
    if (!problems.isEmpty()) {
      throw new InvalidStrategyConfig("strategy.json: " + String.join("; ", problems));
    }
    return new StrategyConfig(
        namespace, name, revision, type, parameters, symbols, mode, risk, capital, candleInterval);
  }

  private SignalParameters parameters(StrategyType type, JsonNode block) {
    if (!block.isObject()) {
      problems.add("parameters is missing: give the " + type + " parameter block");
      return null;
    }
    return switch (type) {
      case SmaCrossover -> {
        int fast = integer(block, "fastPeriod", "parameters.fastPeriod", 2, 500);
        int slow = integer(block, "slowPeriod", "parameters.slowPeriod", 3, 2000);
        if (fast > 0 && slow > 0 && fast >= slow) {
          problems.add(
              "parameters.fastPeriod ("
                  + fast
                  + ") must be less than parameters.slowPeriod ("
                  + slow
                  + "): swap or change them");
        }
        yield new SmaCrossoverParameters(
            fast, slow, positiveDecimal(block, "orderQuantity", "parameters.orderQuantity", true));
      }
      case MeanReversion -> {
        int lookback = integer(block, "lookbackPeriod", "parameters.lookbackPeriod", 5, 5000);
        BigDecimal entry = positiveDecimal(block, "entryZScore", "parameters.entryZScore", true);
        BigDecimal exit = decimal(block, "exitZScore", "parameters.exitZScore", true);
        if (exit != null && exit.signum() < 0) {
          problems.add("parameters.exitZScore must not be negative: give a decimal such as 0.5");
        }
        if (entry != null && exit != null && exit.compareTo(entry) >= 0) {
          problems.add(
              "parameters.exitZScore ("
                  + exit.toPlainString()
                  + ") must be less than parameters.entryZScore ("
                  + entry.toPlainString()
                  + "): lower the exit or raise the entry");
        }
        yield new MeanReversionParameters(
            lookback,
            entry,
            exit,
            positiveDecimal(block, "orderQuantity", "parameters.orderQuantity", true));
      }
    };
  }

  private RiskSettings risk(JsonNode block) {
    if (block.isMissingNode() || block.isNull()) {
      return null;
    }
    if (!block.isObject()) {
      problems.add("risk must be an object of limits or null");
      return null;
    }
    Integer perMinute = null;
    if (block.hasNonNull("maxOrdersPerMinute")) {
      perMinute = integer(block, "maxOrdersPerMinute", "risk.maxOrdersPerMinute", 1, 6000);
    }
    BigDecimal drawdown =
        positiveDecimal(block, "maxDrawdownPercent", "risk.maxDrawdownPercent", false);
    if (drawdown != null && drawdown.compareTo(BigDecimal.valueOf(100)) > 0) {
      problems.add("risk.maxDrawdownPercent must be at most 100: give a percent such as 10");
    }
    return new RiskSettings(
        positiveDecimal(block, "maxPositionNotional", "risk.maxPositionNotional", false),
        positiveDecimal(block, "maxOrderNotional", "risk.maxOrderNotional", false),
        positiveDecimal(block, "maxDailyLoss", "risk.maxDailyLoss", false),
        drawdown,
        perMinute);
  }

  private List<String> symbols(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      problems.add(
          "symbols must be a non-empty list: give upper-case symbols such as [\"BTCUSDT\"]");
      return List.of();
    }
    List<String> symbols = new ArrayList<>();
    for (JsonNode symbol : node) {
      String value = symbol.isString() ? symbol.asString() : "";
      if (!value.matches("^[A-Z0-9]{2,20}$")) {
        problems.add(
            "symbols entry '"
                + shown(symbol)
                + "' is not a symbol: use upper-case letters and digits such as BTCUSDT");
      } else {
        symbols.add(value);
      }
    }
    return List.copyOf(symbols);
  }

  private Duration candleInterval(JsonNode root) {
    String value = text(root, "candleInterval", false);
    if (value == null) {
      return Duration.ofMinutes(1);
    }
    try {
      Duration interval = Duration.parse(value);
      if (interval.compareTo(SHORTEST_CANDLE) < 0) {
        problems.add("candleInterval " + value + " is too short: give at least PT0.1S");
      }
      return interval;
    } catch (DateTimeParseException e) {
      problems.add(
          "candleInterval '" + value + "' is not an ISO-8601 duration: give one such as PT1M");
      return null;
    }
  }

  private String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.path(field);
    if (value.isString() && !value.asString().isBlank()) {
      return value.asString();
    }
    if (required) {
      problems.add(field + " is missing: set it to a non-empty string");
    }
    return null;
  }

  private <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, E absent) {
    JsonNode value = node.path(field);
    if ((value.isMissingNode() || value.isNull()) && absent != null) {
      return absent;
    }
    for (E constant : type.getEnumConstants()) {
      if (value.isString() && constant.name().equals(value.asString())) {
        return constant;
      }
    }
    problems.add(
        field
            + " '"
            + (value.isMissingNode() ? "" : value.asString(""))
            + "' is not one of "
            + Arrays.toString(type.getEnumConstants())
            + ": set one of them");
    return null;
  }

  private int integer(JsonNode node, String field, String path, int min, int max) {
    JsonNode value = node.path(field);
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      problems.add(
          path + " must be a whole number from " + min + " to " + max + " (got " + value + ")");
      return -1;
    }
    return value.asInt();
  }

  private BigDecimal positiveDecimal(JsonNode node, String field, String path, boolean required) {
    BigDecimal value = decimal(node, field, path, required);
    if (value != null && value.signum() <= 0) {
      problems.add(path + " must be positive (got " + value.toPlainString() + ")");
      return null;
    }
    return value;
  }

  private BigDecimal decimal(JsonNode node, String field, String path, boolean required) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      if (required) {
        problems.add(path + " is missing: give a decimal string such as \"0.01\"");
      }
      return null;
    }
    String raw = value.isString() ? value.asString() : value.isNumber() ? value.toString() : "";
    try {
      return new BigDecimal(raw.strip());
    } catch (NumberFormatException e) {
      problems.add(path + " '" + shown(value) + "' is not a decimal: give one such as \"0.01\"");
      return null;
    }
  }

  private static String shown(JsonNode value) {
    return value.isString() ? value.asString() : value.toString();
  }
}
