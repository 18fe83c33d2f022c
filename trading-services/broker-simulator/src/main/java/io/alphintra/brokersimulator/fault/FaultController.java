package io.alphintra.brokersimulator.fault;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runtime control of fault injection, for e2e tests that need a misbehaving venue. */
@RestController
@RequestMapping("/admin/faults")
class FaultController {

  private static final Logger log = LoggerFactory.getLogger(FaultController.class);

  private final FaultInjector faults;

  FaultController(FaultInjector faults) {
    this.faults = faults;
  }

  @GetMapping
  FaultSettings current() {
    return faults.settings();
  }

  @PutMapping
  FaultSettings replace(@RequestBody FaultSettings next) {
    faults.update(next);
    log.info("Fault injection now {}", next);
    return next;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> invalid(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest()
        .body("Invalid fault settings: " + e.getMostSpecificCause().getMessage());
  }
}
