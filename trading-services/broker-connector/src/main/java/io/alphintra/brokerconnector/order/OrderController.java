package io.alphintra.brokerconnector.order;

import io.alphintra.brokerconnector.venue.VenueCallTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The normalized order API. {@code POST} is idempotent per clientOrderId: 201 when the order was
 * created, 200 with the existing order when the id was already placed.
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

  /** The response header naming which source answered a read. */
  static final String ORDER_SOURCE = "Order-Source";

  private final OrderDesk desk;

  OrderController(OrderDesk desk) {
    this.desk = desk;
  }

  /**
   * Answers with {@code Server-Timing: venue;dur=…}: the part of the latency spent waiting on the
   * venue.
   */
  @PostMapping
  ResponseEntity<OrderView> place(@RequestBody OrderRequest request) throws InterruptedException {
    VenueCallTime.reset();
    OrderDesk.Placed placed = desk.place(request);
    return ResponseEntity.status(placed.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .header("Server-Timing", VenueCallTime.serverTiming())
        .body(OrderView.of(placed.order()));
  }

  /**
   * Answers with {@code Order-Source: feed} when the connector's own state answered (it followed
   * the order on the live user-data feed), {@code venue} when the venue was asked.
   */
  @GetMapping("/{clientOrderId}")
  ResponseEntity<OrderView> get(
      @PathVariable String clientOrderId, @RequestParam(required = false) String symbol) {
    OrderDesk.Read read = desk.get(clientOrderId, upper(symbol));
    return ResponseEntity.ok()
        .header(ORDER_SOURCE, read.source().name().toLowerCase(java.util.Locale.ROOT))
        .body(OrderView.of(read.order()));
  }

  @DeleteMapping("/{clientOrderId}")
  OrderView cancel(
      @PathVariable String clientOrderId, @RequestParam(required = false) String symbol) {
    return OrderView.of(desk.cancel(clientOrderId, upper(symbol)));
  }

  @GetMapping("/open")
  List<OrderView> open(@RequestParam(required = false) String symbol) {
    return desk.openOrders(upper(symbol)).stream().map(OrderView::of).toList();
  }

  private static String upper(String symbol) {
    return symbol == null || symbol.isBlank()
        ? null
        : symbol.trim().toUpperCase(java.util.Locale.ROOT);
  }
}
