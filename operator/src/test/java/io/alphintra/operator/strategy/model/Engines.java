package io.alphintra.operator.strategy.model;

import java.util.List;

/** Engine reports for the model's tests. */
final class Engines {
  private Engines() {}

  static EngineReport report(EnginePhase phase, String revision) {
    return new EngineReport(
        true, phase, revision, "12.34", "-1.5", List.of(), 17, 0, null, null, null, null, null);
  }

  static EngineReport starting(String revision, String why) {
    return new EngineReport(
        true,
        EnginePhase.STARTING,
        revision,
        null,
        null,
        List.of(),
        0,
        0,
        null,
        null,
        null,
        why,
        null);
  }

  static EngineReport halted(String revision, String reason) {
    return new EngineReport(
        true,
        EnginePhase.HALTED,
        revision,
        "-201.5",
        "0",
        List.of(),
        40,
        0,
        null,
        reason,
        null,
        null,
        null);
  }
}
