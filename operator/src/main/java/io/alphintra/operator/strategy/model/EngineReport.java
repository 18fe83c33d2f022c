package io.alphintra.operator.strategy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.Position;
import io.alphintra.api.v1alpha1.ProfitAndLoss;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a strategy-engine reported on GET /status (or in the body of a /control answer), or that it
 * could not be reached. Money stays decimal text; totals are summed as BigDecimal.
 *
 * @param reachable whether the engine answered with a report
 * @param phase its phase; null when unreachable
 * @param revision the configuration revision it runs
 * @param realizedPnl realized profit and loss
 * @param unrealizedPnl unrealized profit and loss
 * @param positions its open positions
 * @param ordersToday orders sent since 00:00 UTC
 * @param openOrders orders still open on the venue
 * @param lastSignalTime when it last produced a signal, or null
 * @param haltReason why it halted, or null
 * @param failureReason why it failed, or null
 * @param startingReason while starting, why its last attempt to get ready to trade failed (e.g.
 *     trading-api cannot route its account's orders yet), or null
 * @param error how reaching it failed, when unreachable
 */
public record EngineReport(
    boolean reachable,
    EnginePhase phase,
    String revision,
    String realizedPnl,
    String unrealizedPnl,
    List<Position> positions,
    Integer ordersToday,
    Integer openOrders,
    String lastSignalTime,
    String haltReason,
    String failureReason,
    String startingReason,
    String error) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The engine did not answer; {@code why} says how reaching it failed. */
  public static EngineReport unreachable(String why) {
    return new EngineReport(
        false, null, null, null, null, List.of(), null, null, null, null, null, null, why);
  }

  /** Reads a /status body; anything but a JSON object with a known phase is unreachable. */
  public static EngineReport fromJson(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      return unreachable("the status report is not JSON");
    }
    if (json == null || !json.isObject()) {
      return unreachable("the status report is not a JSON object");
    }
    EnginePhase phase;
    try {
      phase = EnginePhase.valueOf(String.valueOf(text(json, "phase")));
    } catch (IllegalArgumentException e) {
      return unreachable("the status report has an unknown phase " + text(json, "phase"));
    }
    for (String money : List.of("realizedPnl", "unrealizedPnl")) {
      if (text(json, money) != null && !isDecimal(text(json, money))) {
        return unreachable("the status report's " + money + " is not a decimal");
      }
    }
    List<Position> positions = new ArrayList<>();
    JsonNode list = json.get("positions");
    if (list != null && list.isArray()) {
      for (JsonNode p : list) {
        positions.add(
            new Position(
                text(p, "symbol"),
                text(p, "quantity"),
                text(p, "averagePrice"),
                text(p, "unrealizedPnl")));
      }
    }
    return new EngineReport(
        true,
        phase,
        text(json, "revision"),
        text(json, "realizedPnl"),
        text(json, "unrealizedPnl"),
        List.copyOf(positions),
        json.hasNonNull("ordersToday") ? json.get("ordersToday").asInt() : null,
        json.hasNonNull("openOrders") ? json.get("openOrders").asInt() : null,
        text(json, "lastSignalTime"),
        text(json, "haltReason"),
        text(json, "failureReason"),
        text(json, "startingReason"),
        null);
  }

  /**
   * Realized, unrealized and their sum, as plain decimals; null when the engine reported neither.
   */
  public ProfitAndLoss pnl() {
    if (realizedPnl == null && unrealizedPnl == null) {
      return null;
    }
    BigDecimal realized = decimal(realizedPnl);
    BigDecimal unrealized = decimal(unrealizedPnl);
    return new ProfitAndLoss(
        realized.toPlainString(),
        unrealized.toPlainString(),
        realized.add(unrealized).toPlainString());
  }

  /** Whether it answered in {@code phase}. */
  public boolean is(EnginePhase phase) {
    return reachable && this.phase == phase;
  }

  private static BigDecimal decimal(String value) {
    return value == null ? BigDecimal.ZERO : new BigDecimal(value);
  }

  private static boolean isDecimal(String value) {
    try {
      new BigDecimal(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String text(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }
}
