package io.alphintra.brokerconnector.health;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/health/broker}: the JSON the operator polls; 200 when UP, 503 when DOWN. */
@RestController
class BrokerHealthController {

  private final BrokerHealthReport report;

  BrokerHealthController(BrokerHealthReport report) {
    this.report = report;
  }

  @GetMapping("/api/v1/health/broker")
  ResponseEntity<BrokerHealth> broker() {
    BrokerHealth health = report.current();
    return ResponseEntity.status(health.isUp() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(health);
  }
}
