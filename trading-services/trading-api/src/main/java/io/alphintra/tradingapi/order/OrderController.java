package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.account.AccountAccess;
import io.alphintra.tradingapi.instrument.Instruments;
import io.alphintra.tradingapi.security.Caller;
import io.alphintra.tradingapi.web.ApiProblem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An account's orders: place (idempotent per clientOrderId), cancel, get, list, history. */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/orders")
class OrderController {

  private static final int MAX_PAGE_SIZE = 500;

  private final OrderDesk desk;
  private final Orders orders;
  private final AccountAccess access;
  private final Instruments instruments;

  OrderController(OrderDesk desk, Orders orders, AccountAccess access, Instruments instruments) {
    this.desk = desk;
    this.orders = orders;
    this.access = access;
    this.instruments = instruments;
  }

  /**
   * Places an order: 201 when created (sent by this request), 200 with the first outcome when the
   * clientOrderId was already used on this account, 422 with a {@code reason} when pre-trade risk
   * refuses it, 503 {@code BROKER_UNAVAILABLE} when it provably reached no venue (retry with the
   * same clientOrderId) and 503 {@code OVERLOADED} when too many placements are in flight.
   */
  @PostMapping
  @ApiResponse(responseCode = "201", description = "Created: this request sent the order")
  @ApiResponse(
      responseCode = "200",
      description = "The first outcome of this clientOrderId (a retry)")
  @ApiResponse(
      responseCode = "409",
      description = "CLIENT_ORDER_ID_CONFLICT: the clientOrderId names a different order",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "422",
      description = "A pre-trade risk reason (nothing recorded)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "503",
      description =
          "BROKER_UNAVAILABLE: the order reached no venue (it is NOT_SENT, not final), or"
              + " OVERLOADED: nothing recorded; either way retry with the same clientOrderId",
      content = @Content(mediaType = "application/problem+json"))
  ResponseEntity<OrderView> place(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @Valid @RequestBody PlaceOrderRequest request) {
    Caller caller = Caller.of(jwt);
    return desk.admitted(
        accountId,
        request.clientOrderId(),
        admission -> {
          Account account = access.tradable(caller, accountId);
          OrderDesk.Placed placed = desk.place(caller, account, request, admission);
          return ResponseEntity.status(placed.created() ? HttpStatus.CREATED : HttpStatus.OK)
              .body(view(placed.order()));
        });
  }

  @GetMapping("/{clientOrderId}")
  OrderView get(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @PathVariable String clientOrderId) {
    access.readable(Caller.of(jwt), accountId);
    return view(desk.get(accountId, clientOrderId));
  }

  /**
   * Cancels an open order; 409 ORDER_CLOSED when it is already filled, canceled or expired, 503
   * BROKER_UNAVAILABLE when the venue could not be asked (retry). An order the venue has no record
   * of is answered settled as EXPIRED with rejectReason NOT_ON_VENUE.
   */
  @DeleteMapping("/{clientOrderId}")
  @ApiResponse(
      responseCode = "200",
      description =
          "The order after the cancel: CANCELED, or EXPIRED with rejectReason NOT_ON_VENUE when"
              + " the venue has no record of it")
  @ApiResponse(
      responseCode = "409",
      description = "ORDER_CLOSED, or ORDER_NOT_ACKNOWLEDGED (still pending: retry shortly)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "503",
      description =
          "BROKER_UNAVAILABLE: the venue could not be asked; the order is unchanged, retry",
      content = @Content(mediaType = "application/problem+json"))
  OrderView cancel(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @PathVariable String clientOrderId) {
    Caller caller = Caller.of(jwt);
    Account account = access.tradable(caller, accountId);
    return view(desk.cancel(caller, account, clientOrderId));
  }

  /** Every state change of the order, oldest first. */
  @GetMapping("/{clientOrderId}/events")
  List<OrderEvent> events(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @PathVariable String clientOrderId) {
    access.readable(Caller.of(jwt), accountId);
    return orders.events(desk.get(accountId, clientOrderId).id());
  }

  /**
   * The account's orders, newest first.
   *
   * @param from created at or after (ISO-8601 instant)
   * @param to created before
   */
  @GetMapping
  List<OrderView> list(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @RequestParam(required = false) OrderStatus status,
      @RequestParam(required = false) String symbol,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    access.readable(Caller.of(jwt), accountId);
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw ApiProblem.badRequest(
          "page must be >= 0 and size between 1 and "
              + MAX_PAGE_SIZE
              + " (got "
              + page
              + ", "
              + size
              + ")");
    }
    return orders
        .list(
            accountId,
            status,
            symbol == null ? null : symbol.toUpperCase(Locale.ROOT),
            from,
            to,
            page,
            size)
        .stream()
        .map(this::view)
        .toList();
  }

  private OrderView view(TradeOrder order) {
    return OrderView.of(order, instruments.require(order.symbol()));
  }
}
