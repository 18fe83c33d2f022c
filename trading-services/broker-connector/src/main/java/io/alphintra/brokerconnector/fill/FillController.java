package io.alphintra.brokerconnector.fill;

import io.alphintra.brokerconnector.venue.BrokerProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/fills?symbol=…&afterTradeId=…}: the account's fills after a subscriber's
 * cursor, oldest first. The subscriber acknowledges by moving its cursor to the last trade id it
 * processed; reading from the same cursor again returns the same fills, so each is processed once.
 */
@RestController
@RequestMapping("/api/v1/fills")
class FillController {

  private static final int MAX_LIMIT = 1000;

  private final FillJournal journal;
  private final List<String> symbols;

  FillController(FillJournal journal, BrokerProperties properties) {
    this.journal = journal;
    this.symbols = properties.symbols();
  }

  @GetMapping
  Map<String, Object> fills(
      @RequestParam String symbol,
      @RequestParam(defaultValue = "-1") long afterTradeId,
      @RequestParam(defaultValue = "500") int limit) {
    String normalized = symbol.trim().toUpperCase(Locale.ROOT);
    if (!symbols.contains(normalized)) {
      throw new IllegalArgumentException(
          "symbol=" + symbol + " is not followed by this connector; use one of " + symbols);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    List<Map<String, Object>> page =
        journal.after(normalized, afterTradeId, limit).stream().map(FillController::view).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", normalized);
    body.put("fills", page);
    return body;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest()
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }

  @ExceptionHandler(FillJournal.FillsNoLongerHeld.class)
  ResponseEntity<ProblemDetail> gone(FillJournal.FillsNoLongerHeld e) {
    return ResponseEntity.status(HttpStatus.GONE)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.GONE, e.getMessage()));
  }

  private static Map<String, Object> view(Fill fill) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("symbol", fill.symbol());
    view.put("tradeId", fill.tradeId());
    view.put("orderId", fill.orderId());
    view.put("clientOrderId", fill.clientOrderId());
    view.put("side", fill.side());
    view.put("price", fill.price().toPlainString());
    view.put("quantity", fill.quantity().toPlainString());
    view.put("commission", fill.commission().toPlainString());
    view.put("commissionAsset", fill.commissionAsset());
    view.put("maker", fill.maker());
    view.put("time", fill.timeMillis());
    return view;
  }
}
