package io.alphintra.strategyengine.engine;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the Strategy controller calls: {@code GET /status} and {@code POST
 * /control/{suspend,resume,drain}} (202 with the status after the action).
 */
@RestController
class EngineController {

  private final StrategyEngine engine;

  EngineController(StrategyEngine engine) {
    this.engine = engine;
  }

  @GetMapping("/status")
  EngineStatus status() {
    return engine.status();
  }

  @PostMapping("/control/{action}")
  ResponseEntity<?> control(@PathVariable String action) {
    try {
      switch (action) {
        case "suspend" -> engine.suspend();
        case "resume" -> engine.resume();
        case "drain" -> engine.drain();
        default -> {
          return ResponseEntity.status(HttpStatus.NOT_FOUND)
              .body(
                  Map.of("error", "unknown action '" + action + "': use suspend, resume or drain"));
        }
      }
    } catch (IllegalStateException e) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(Map.of("error", e.getMessage(), "status", engine.status()));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(engine.status());
  }
}
